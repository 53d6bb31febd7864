package io.homeward.casemodel;

import java.util.UUID;

/** No case with the given id exists (or the caller may not know that it does). */
public class CaseNotFoundException extends CaseException {
    private static final long serialVersionUID = 1L;

    public CaseNotFoundException(UUID id) {
        super("no case " + id);
    }
}
