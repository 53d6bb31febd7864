package io.homeward.store.internal.security;

import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.User;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A staff account (table {@code hw_user}, roles in {@code hw_user_role}). */
@Entity
@Table(name = "hw_user")
public class UserEntity {

    @Id
    @Column(name = "username")
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "center_id", updatable = false)
    private String centerId;

    @Column(name = "language", nullable = false)
    private String language;

    /** {@link PasswordHasher} format; never leaves the store. */
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    // enums as plain strings on every database, as in CaseEntity
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "hw_user_role", joinColumns = @JoinColumn(name = "username"))
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "role", nullable = false)
    private Set<Role> roles = new HashSet<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected UserEntity() {
        // for Hibernate
    }

    UserEntity(String username, String displayName, String centerId, Set<Role> roles, String language,
            String passwordHash, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.centerId = centerId;
        this.roles.addAll(roles);
        this.language = language;
        this.passwordHash = passwordHash;
        this.mustChangePassword = true;
        this.createdAt = createdAt;
    }

    String passwordHash() {
        return passwordHash;
    }

    public boolean disabled() {
        return disabled;
    }

    String centerId() {
        return centerId;
    }

    void changePassword(String newHash, boolean mustChange) {
        this.passwordHash = newHash;
        this.mustChangePassword = mustChange;
    }

    void setLanguage(String language) {
        this.language = language;
    }

    void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public User toUser() {
        return new User(username, displayName, centerId, roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles),
                language, disabled, mustChangePassword);
    }
}
