package io.homeward.casemodel.security;

import java.time.Instant;

/**
 * A logged-in browser session. It lives in the database, so any node of a deployment serves it.
 *
 * @param token the secret that the session cookie carries; only its hash is stored, so it is known only when the
 *     session is created and is null when a session is looked up
 * @param csrfToken what state-changing requests must send in {@code X-CSRF-Token}, never null
 * @param user never null
 * @param expiresAt when the session ends unless used before (idle expiry, capped by the absolute expiry)
 */
public record UserSession(String token, String csrfToken, User user, Instant expiresAt) {
}
