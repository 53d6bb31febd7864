package io.homeward.casemodel.security;

import java.time.Instant;
import java.util.UUID;

/**
 * A bearer token of an integration, as listed (the secret itself is shown once, at issue, and stored hashed).
 *
 * @param id what revokes it
 * @param username the user it acts as
 * @param label what the integration is, for people
 * @param createdAt never null
 * @param lastUsedAt null until first used
 * @param revokedAt null while valid
 */
public record ApiToken(UUID id, String username, String label, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {
}
