package io.homeward.casemodel.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * A staff account as stored; never carries its password hash.
 *
 * @param username unique, lower case, never null
 * @param displayName never null
 * @param centerId the center the user works for; null for platform administrators
 * @param roles never empty
 * @param language preferred language, ISO 639-1, never null
 * @param disabled a disabled user can neither log in nor use tokens
 * @param mustChangePassword true until the user replaced a one-time password: only changing it is allowed
 */
public record User(String username, String displayName, String centerId, Set<Role> roles, String language,
        boolean disabled, boolean mustChangePassword) {
    public User {
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** @return the subject this user acts as */
    public Subject subject() {
        return Subject.user(username, centerId, roles);
    }
}
