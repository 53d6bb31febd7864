package io.homeward.casemodel.alert;

import io.homeward.casemodel.CaseException;
import java.util.UUID;

/** No alert or CAP message with the given id exists, or the caller may not know that it does. */
public class AlertNotFoundException extends CaseException {
    private static final long serialVersionUID = 1L;

    /** @param what what was looked for, e.g. {@code alert 3f2…} */
    public AlertNotFoundException(String what, UUID id) {
        super("no " + what + " " + id);
    }
}
