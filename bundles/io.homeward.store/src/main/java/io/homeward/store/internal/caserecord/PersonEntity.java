package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.Sex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person linked to one case (table {@code hw_person}); owned by its {@link CaseEntity}. */
@Entity
@Table(name = "hw_person")
public class PersonEntity {

    @Id
    private UUID id;

    /**
     * The person's case, read-only: {@link CaseEntity}'s persons write it. Mapped so that a query can go from
     * persons to their cases without reading the cases a second time ({@link CaseFilter}'s date of birth).
     */
    @Column(name = "case_id", insertable = false, updatable = false)
    private UUID caseId;

    /** Position in the case's list of persons, as given at intake. */
    @Column(name = "ordinal", nullable = false)
    private int ordinal;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "person_role", nullable = false)
    private PersonRole role;

    @Column(name = "family_name")
    private String familyName;

    @Column(name = "given_name")
    private String givenName;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "sex")
    private Sex sex;

    @Column(name = "date_of_birth")
    private LocalDate dateOfBirth;

    @Column(name = "description")
    private String description;

    @Column(name = "phone")
    private String phone;

    /** The {@link NameKeys#VERSION} of the person's keys in {@code hw_name_key}; null until they are made. */
    @Column(name = "name_keys")
    private Integer nameKeys;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** Set for a person created now, never for one Hibernate loads: only new persons get keys with a change. */
    private transient boolean created;

    protected PersonEntity() {
        // for Hibernate
    }

    public PersonEntity(UUID id, int ordinal, PersonDetails details) {
        this.id = id;
        this.ordinal = ordinal;
        this.role = details.role();
        this.familyName = details.familyName();
        this.givenName = details.givenName();
        this.sex = details.sex();
        this.dateOfBirth = details.dateOfBirth();
        this.description = details.description();
        this.phone = details.phone();
        this.created = true;
    }

    /**
     * Makes the person's name keys, to be persisted in the same transaction, and records their version.
     *
     * @param caseId the person's case
     */
    public List<NameKeyEntity> makeNameKeys(UUID caseId) {
        nameKeys = NameKeys.VERSION;
        return NameKeys.rows(id, caseId, familyName, givenName);
    }

    /** @return whether this person was created in this transaction and has no name keys yet */
    boolean newWithoutNameKeys() {
        return created && nameKeys == null;
    }

    Person toPerson() {
        return new Person(id, new PersonDetails(role, familyName, givenName, sex, dateOfBirth, description, phone));
    }
}
