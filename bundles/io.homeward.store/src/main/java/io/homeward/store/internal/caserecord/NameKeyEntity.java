package io.homeward.store.internal.caserecord;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One key a person's name is found by (table {@code hw_name_key}, V10, V14): a folded spelling or a sound code of
 * one word of the person's names, see {@link NameKeys}. Written with the person, never updated.
 */
@Entity
@Immutable
@IdClass(NameKeyEntity.PrimaryKey.class)
@Table(name = "hw_name_key")
public class NameKeyEntity {

    @Id
    @Column(name = "person_id")
    private UUID personId;

    /** Which word of the person's names, from 0: a query's words must each match a word of one person. */
    @Id
    @Column(name = "word")
    private short word;

    @Id
    @Column(name = "name_key")
    private String key;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    /** For a sound, the spelling it is the sound of (V14): which spellings sound alike is read from these. */
    @Column(name = "spelling")
    private String spelling;

    protected NameKeyEntity() {
        // for Hibernate
    }

    NameKeyEntity(UUID personId, UUID caseId, int word, String key, String spelling) {
        this.personId = personId;
        this.caseId = caseId;
        this.word = (short) word;
        this.key = key;
        this.spelling = spelling;
    }

    public UUID personId() {
        return personId;
    }

    public int word() {
        return word;
    }

    public String key() {
        return key;
    }

    /** @return for a sound, the spelling it is the sound of; null for a spelling, or a sound of version 1 */
    public String spelling() {
        return spelling;
    }

    /** The composite primary key, as Hibernate wants it: a class with the id fields' names and types. */
    public static class PrimaryKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private UUID personId;
        private short word;
        private String key;

        @Override
        public boolean equals(Object other) {
            return other instanceof PrimaryKey that && word == that.word && Objects.equals(personId, that.personId)
                    && Objects.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(personId, word, key);
        }
    }
}
