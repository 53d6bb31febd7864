package io.homeward.casemodel;

/** The case changed since the version the caller read; re-read it and decide again. */
public class StaleCaseException extends CaseException {
    private static final long serialVersionUID = 1L;
    private final long currentVersion;

    public StaleCaseException(String number, long expected, long current) {
        super("case " + number + " was changed by someone else (version " + current + ", you had " + expected
                + "); reload it and try again");
        this.currentVersion = current;
    }

    /** @return the version the case has now */
    public long currentVersion() {
        return currentVersion;
    }
}
