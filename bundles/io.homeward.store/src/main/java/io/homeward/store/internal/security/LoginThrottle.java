package io.homeward.store.internal.security;

import java.time.Duration;
import java.time.Instant;

/**
 * The throttling rule of failed logins, per key (a username or a client address): the first {@code allowed}
 * failures cost nothing; each further failure blocks the key for twice as long as the one before, starting at
 * {@link #FIRST_BLOCK}, up to {@code maxBlock}. Failures are forgotten after {@code maxBlock} without one. The
 * counts live in the
 * database ({@link LoginThrottleEntity}), so every node applies the same rule to the same counts.
 *
 * @param allowed failures before the first block, at least 1
 * @param maxBlock the longest block, and how long failures are remembered
 */
record LoginThrottle(int allowed, Duration maxBlock) {

    /** Long enough to stop a script, short enough for a person who mistyped. */
    static final Duration FIRST_BLOCK = Duration.ofSeconds(5);

    LoginThrottle {
        if (allowed < 1) {
            throw new IllegalArgumentException("at least one failed login must be allowed, was " + allowed);
        }
    }

    /** @return the failures to count before one more, given the last one (older ones are forgotten) */
    int recentFailures(int failures, Instant lastFailure, Instant now) {
        return lastFailure == null || lastFailure.plus(maxBlock).isBefore(now) ? 0 : failures;
    }

    /** @return how long the key is blocked after its {@code failures}-th recent failure; zero for none */
    Duration blockAfter(int failures) {
        if (failures < allowed) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - allowed, 30);
        Duration block = FIRST_BLOCK.multipliedBy(1L << doublings);
        return block.compareTo(maxBlock) > 0 ? maxBlock : block;
    }
}
