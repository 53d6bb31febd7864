package io.homeward.casemodel.security;

import java.time.Duration;

/** Too many failed logins for this username or from this address; try again after {@link #retryAfter()}. */
public class LoginThrottledException extends AccountException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** @return how long to wait before the next attempt, never negative */
    public Duration retryAfter() {
        return retryAfter;
    }
}
