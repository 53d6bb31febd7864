package io.homeward.store.internal.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Recent failed logins of one username or one client address (table {@code hw_login_throttle}), shared by every
 * node; see {@link LoginThrottle} for the rule.
 */
@Entity
@Table(name = "hw_login_throttle")
public class LoginThrottleEntity {

    @Id
    @Column(name = "throttle_key")
    private String key;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_failure", nullable = false)
    private Instant lastFailure;

    @Column(name = "blocked_until")
    private Instant blockedUntil;

    protected LoginThrottleEntity() {
        // for Hibernate
    }

    LoginThrottleEntity(String key) {
        this.key = key;
    }

    int failures() {
        return failures;
    }

    Instant lastFailure() {
        return lastFailure;
    }

    Instant blockedUntil() {
        return blockedUntil;
    }

    void failed(int failures, Instant at, Instant blockedUntil) {
        this.failures = failures;
        this.lastFailure = at;
        this.blockedUntil = blockedUntil;
    }
}
