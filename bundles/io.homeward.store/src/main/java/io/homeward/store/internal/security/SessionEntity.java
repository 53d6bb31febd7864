package io.homeward.store.internal.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A browser session (table {@code hw_session}), keyed by the SHA-256 of its token: whoever reads the table
 * cannot log in with what it holds.
 */
@Entity
@Table(name = "hw_session")
public class SessionEntity {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "username", nullable = false, updatable = false)
    private String username;

    @Column(name = "csrf_token", nullable = false, updatable = false)
    private String csrfToken;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SessionEntity() {
        // for Hibernate
    }

    SessionEntity(String tokenHash, String username, String csrfToken, Instant now, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.username = username;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = expiresAt;
    }

    String username() {
        return username;
    }

    String csrfToken() {
        return csrfToken;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastSeenAt() {
        return lastSeenAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    void touch(Instant now, Instant newExpiry) {
        this.lastSeenAt = now;
        this.expiresAt = newExpiry;
    }
}
