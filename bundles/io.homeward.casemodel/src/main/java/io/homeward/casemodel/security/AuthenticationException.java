package io.homeward.casemodel.security;

/**
 * Wrong credentials. The message is the same for an unknown user, a wrong password and a disabled account, so
 * that an attacker cannot tell which usernames exist.
 */
public class AuthenticationException extends AccountException {
    private static final long serialVersionUID = 1L;

    /** The one message of every failed login. */
    public static final String MESSAGE = "unknown username or wrong password";

    public AuthenticationException() {
        super(MESSAGE);
    }
}
