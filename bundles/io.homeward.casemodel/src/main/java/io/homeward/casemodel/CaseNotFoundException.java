package io.homeward.casemodel;

import java.util.UUID;

/** No case with the given id exists (or the caller may not know that it does). */
public class CaseNotFoundException extends CaseException {
    private static final long serialVersionUID = 1L;

    public CaseNotFoundException(UUID id) {
        super("no case " + id);
    }

    /**
     * Something of a case (a referral, a transfer request...) does not exist, or the caller may not know that it
     * does.
     *
     * @param what what was looked for, e.g. {@code referral}
     */
    public CaseNotFoundException(String what, UUID id) {
        super("no " + what + " " + id);
    }
}
