package io.homeward.casemodel.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * On whose behalf a call runs: an authenticated user, or the platform itself (a {@link #system(String) system
 * subject}) for internal jobs such as SLA escalation, demo seeding, workflow migrations and admin console
 * commands. Immutable.
 *
 * @param username the user's name, or the name of the internal job for a system subject; never blank
 * @param centerId the center the user works for; null for platform administrators and system subjects
 * @param roles never null; empty for system subjects
 * @param system true for the platform itself, which may do everything and sees every case
 */
public record Subject(String username, String centerId, Set<Role> roles, boolean system) {

    public Subject {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a subject needs a name");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * @param job names the internal job in the audit trail and timelines, e.g. {@code sla-escalation}
     * @return the platform acting on its own
     */
    public static Subject system(String job) {
        return new Subject(job, null, Set.of(), true);
    }

    /** @return a staff user with the given roles */
    public static Subject user(String username, String centerId, Set<Role> roles) {
        return new Subject(username, centerId, roles, false);
    }

    /** @return whether the subject may do this at all (the store still checks which cases it applies to) */
    public boolean may(Permission permission) {
        Objects.requireNonNull(permission, "permission");
        return system || roles.stream().anyMatch(role -> role.permissions().contains(permission));
    }
}
