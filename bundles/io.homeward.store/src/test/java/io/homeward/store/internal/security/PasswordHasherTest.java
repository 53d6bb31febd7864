package io.homeward.store.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

    @Test
    void aFloodOfLoginsHashesOneAtATimeWhenOneIsAllowed() throws Exception {
        // before: every login request hashed at once, 200 parallel guesses took every processor for seconds
        PasswordHasher single = new PasswordHasher(PasswordHasher.MIN_ITERATIONS, 1);
        String stored = single.hash("the right one");
        ExecutorService logins = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tries.add(logins.submit(() -> single.matches("a guess", stored)));
            }
            for (Future<Boolean> attempt : tries) {
                assertFalse(attempt.get());
            }
        } finally {
            logins.shutdownNow();
        }
        assertEquals(1, single.peakParallel());
    }

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = hasher.hash("correct horse battery");
        assertTrue(hasher.matches("correct horse battery", hash));
        assertFalse(hasher.matches("correct horse batterY", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void eachHashHasItsOwnSaltAndRecordsItsIterations() {
        String first = hasher.hash("same password");
        String second = hasher.hash("same password");
        assertNotEquals(first, second, "a per-hash salt");
        String[] parts = first.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("210000", parts[1]);
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void aHashKeepsWorkingWhenTheConfiguredIterationsRise() {
        String old = hasher.hash("kept across upgrades");
        assertTrue(new PasswordHasher(300_000).matches("kept across upgrades", old));
    }

    @Test
    void anUnknownUserNeverMatchesButCostsTheSameWork() {
        long start = System.nanoTime();
        assertFalse(hasher.matches("anything", null));
        long decoy = System.nanoTime() - start;
        String hash = hasher.hash("anything");
        start = System.nanoTime();
        hasher.matches("nothing", hash);
        long real = System.nanoTime() - start;
        // the decoy runs the full key derivation: within a factor of a real check, not a microsecond short cut
        assertTrue(decoy > real / 4, "decoy " + decoy / 1_000_000 + " ms vs real " + real / 1_000_000 + " ms");
    }

    @Test
    void fewerIterationsThanTheMinimumAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(100_000));
    }
}
