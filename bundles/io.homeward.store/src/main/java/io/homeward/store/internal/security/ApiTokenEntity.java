package io.homeward.store.internal.security;

import io.homeward.casemodel.security.ApiToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A bearer token of an integration (table {@code hw_api_token}); only the SHA-256 of its secret is kept. */
@Entity
@Table(name = "hw_api_token")
public class ApiTokenEntity {

    @Id
    private UUID id;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "username", nullable = false, updatable = false)
    private String username;

    @Column(name = "label", nullable = false, updatable = false)
    private String label;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiTokenEntity() {
        // for Hibernate
    }

    ApiTokenEntity(UUID id, String tokenHash, String username, String label, Instant createdAt) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.username = username;
        this.label = label;
        this.createdAt = createdAt;
    }

    String username() {
        return username;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void used(Instant now) {
        this.lastUsedAt = now;
    }

    void revoke(Instant now) {
        this.revokedAt = now;
    }

    ApiToken toToken() {
        return new ApiToken(id, username, label, createdAt, lastUsedAt, revokedAt);
    }
}
