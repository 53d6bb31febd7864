package io.homeward.casemodel.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of staff, each a fixed set of {@link Permission}s (docs/security.md has the table). A user has one
 * or more roles; a platform administrator has no case permission unless also given a center role.
 */
public enum Role {
    HOTLINE_OPERATOR(Permission.CASE_INTAKE, Permission.CASE_READ),
    CASE_WORKER(Permission.CASE_INTAKE, Permission.CASE_READ, Permission.CASE_UPDATE),
    SUPERVISOR(Permission.CASE_INTAKE, Permission.CASE_READ, Permission.CASE_UPDATE, Permission.CASE_ASSIGN,
            Permission.CASE_AUDIT, Permission.STATISTICS),
    HUB_ANALYST(Permission.CASE_READ, Permission.STATISTICS),
    CENTER_ADMIN(Permission.USER_ADMIN),
    PLATFORM_ADMIN(Permission.USER_ADMIN, Permission.PLATFORM_ADMIN);

    private final Set<Permission> permissions;

    Role(Permission first, Permission... rest) {
        this.permissions = Set.copyOf(EnumSet.of(first, rest));
    }

    /** @return what this role may do, never empty */
    public Set<Permission> permissions() {
        return permissions;
    }
}
