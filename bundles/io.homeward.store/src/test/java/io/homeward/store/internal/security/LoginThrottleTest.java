package io.homeward.store.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final LoginThrottle rule = new LoginThrottle(5, Duration.ofMinutes(15));

    @Test
    void theFirstFailuresCostNothingThenTheBlockDoubles() {
        for (int failures = 1; failures < 5; failures++) {
            assertEquals(Duration.ZERO, rule.blockAfter(failures), failures + " failures");
        }
        assertEquals(Duration.ofSeconds(5), rule.blockAfter(5));
        assertEquals(Duration.ofSeconds(10), rule.blockAfter(6));
        assertEquals(Duration.ofSeconds(20), rule.blockAfter(7));
        assertEquals(Duration.ofSeconds(640), rule.blockAfter(12));
    }

    @Test
    void theBlockNeverExceedsTheMaximum() {
        assertEquals(Duration.ofMinutes(15), rule.blockAfter(13));
        assertEquals(Duration.ofMinutes(15), rule.blockAfter(10_000));
    }

    @Test
    void failuresAreForgottenAfterAQuietMaximumBlock() {
        Instant last = Instant.parse("2026-03-01T10:00:00Z");
        assertEquals(7, rule.recentFailures(7, last, last.plus(Duration.ofMinutes(14))));
        assertEquals(0, rule.recentFailures(7, last, last.plus(Duration.ofMinutes(16))));
        assertEquals(0, rule.recentFailures(0, null, last));
    }

    @Test
    void atLeastOneFailureIsAllowed() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(1)));
    }
}
