package io.homeward.casemodel.security;

/**
 * A bearer token just issued.
 *
 * @param token what was stored, without the secret
 * @param secret the value of {@code Authorization: Bearer ...}; shown once, stored only as a hash
 */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[token=" + token + "]";
    }
}
