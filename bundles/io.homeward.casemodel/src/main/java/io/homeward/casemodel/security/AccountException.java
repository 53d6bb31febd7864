package io.homeward.casemodel.security;

/**
 * A request of the {@link AccountService} that cannot be served; the message says why, for the person who
 * asked, and never contains a password or token.
 */
public class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        super(message);
    }
}
