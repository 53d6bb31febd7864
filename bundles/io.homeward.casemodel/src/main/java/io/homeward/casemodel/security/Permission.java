package io.homeward.casemodel.security;

/**
 * What a {@link Subject} may do. Case permissions apply only to the cases the subject's center can see (its own,
 * those shared with it and, for a regional hub, those of its member countries); {@link #USER_ADMIN} only to the
 * users of the subject's center unless the subject is a platform administrator.
 */
public enum Permission {
    /** Open cases for one's own center. */
    CASE_INTAKE,
    /** Search, read and see the timeline of visible cases. */
    CASE_READ,
    /** Act on and update the cases one's center owns or that are assigned to oneself. */
    CASE_UPDATE,
    /** Assign cases of one's center to staff. */
    CASE_ASSIGN,
    /** Read the audit trail (who read and changed what) of visible cases. */
    CASE_AUDIT,
    /** Counts over visible cases. */
    STATISTICS,
    /** Manage the users and bearer tokens of one's center (all centers for platform administrators). */
    USER_ADMIN,
    /** Features, plugins, workflow migrations, audit verification: the platform itself, no case content. */
    PLATFORM_ADMIN
}
