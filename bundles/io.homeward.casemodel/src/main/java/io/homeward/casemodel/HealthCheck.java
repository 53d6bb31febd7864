package io.homeward.casemodel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One part of the platform's health, reported by {@code GET /health}. Any bundle may register this as an
 * OSGi service (whiteboard); the platform is healthy only when every registered check is. Implementations
 * must answer quickly (well under a second) and must not throw.
 */
@ConsumerType
public interface HealthCheck {

    /** @return a short stable name for the part checked, e.g. {@code database}; never null */
    String name();

    /** @return the current state of the part; never null */
    Result check();

    /**
     * @param healthy true when the part works
     * @param detail a short explanation without personal data, never null
     */
    record Result(boolean healthy, String detail) {
    }
}
