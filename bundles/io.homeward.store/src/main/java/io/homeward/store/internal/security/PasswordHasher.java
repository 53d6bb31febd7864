package io.homeward.store.internal.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with PBKDF2-HMAC-SHA256 (the JDK's {@code PBKDF2WithHmacSHA256}): a 16-byte random salt per
 * hash, a 256-bit key, stored as {@code pbkdf2-sha256$ITERATIONS$SALT$KEY} (Base64), so that a stored hash keeps
 * its own iteration count when the configured one is raised. Thread-safe. At most half the processors hash at once
 * (at least one): each hash costs some 100 ms of CPU, and a flood of logins, right or wrong, must leave the other
 * half to everyone else rather than take the whole machine.
 */
final class PasswordHasher {

    /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
    static final int MIN_ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final Semaphore hashing;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    /** Checked against when the user is unknown, so that a wrong username takes as long as a wrong password. */
    private final String decoy;

    PasswordHasher(int iterations) {
        this(iterations, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** @param parallel how many hashes may run at once; the others wait their turn */
    PasswordHasher(int iterations, int parallel) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " PBKDF2 iterations, was " + iterations);
        }
        this.iterations = iterations;
        this.hashing = new Semaphore(parallel, true);
        this.decoy = hash(Secrets.password());
    }

    /** @return the most hashes that ran at once so far */
    int peakParallel() {
        return peak.get();
    }

    /** @return a new hash of the password, with a fresh salt */
    String hash(String password) {
        byte[] salt = Secrets.bytes(16);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * @param stored a hash made by {@link #hash}, or null for an unknown user (then the decoy is checked, and the
     *     answer is false)
     * @return whether the password matches, compared in constant time
     */
    boolean matches(String password, String stored) {
        String[] parts = (stored == null ? decoy : stored).split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] expected = base64.decode(parts[3]);
        byte[] actual = derive(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    private byte[] derive(String password, byte[] salt, int iterations) {
        hashing.acquireUninterruptibly();
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 platform", e);
        } finally {
            spec.clearPassword();
            running.decrementAndGet();
            hashing.release();
        }
    }
}
