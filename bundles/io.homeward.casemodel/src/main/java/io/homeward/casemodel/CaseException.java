package io.homeward.casemodel;

/**
 * Base of the exceptions that {@link CaseService} throws. Messages are written for the person who made the
 * request: they say what is wrong and never contain personal data of a case.
 */
public class CaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseException(String message) {
        super(message);
    }

    public CaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
