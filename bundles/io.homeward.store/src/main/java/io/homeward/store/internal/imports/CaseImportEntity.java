package io.homeward.store.internal.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A legacy record that was imported, and the case it became (table {@code hw_case_import}, V12). Written in the
 * transaction that stores the case, never updated: its primary key, the importing center and the record's external
 * reference, is what makes an import resumable and a record impossible to import twice.
 */
@Entity
@Immutable
@IdClass(CaseImportEntity.PrimaryKey.class)
@Table(name = "hw_case_import")
public class CaseImportEntity {

    /** The longest external reference: the width of its column (V12). */
    static final int REFERENCE_LENGTH = 200;

    /** The center the import ran for, which need not be the case's owner (a hub routes intakes). */
    @Id
    @Column(name = "center_id")
    private String centerId;

    @Id
    @Column(name = "external_reference")
    private String externalReference;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    /** The import run (one {@code cases:import}) that stored it. */
    @Column(name = "run_id", nullable = false)
    private UUID runId;

    /** The record's line in that run's file. */
    @Column(name = "line_number", nullable = false)
    private int lineNumber;

    protected CaseImportEntity() {
        // for Hibernate
    }

    CaseImportEntity(String centerId, String externalReference, UUID caseId, Instant importedAt, UUID runId,
            int lineNumber) {
        this.centerId = centerId;
        this.externalReference = externalReference;
        this.caseId = caseId;
        this.importedAt = importedAt;
        this.runId = runId;
        this.lineNumber = lineNumber;
    }

    /** The composite primary key, as Hibernate wants it: a class with the id fields' names and types. */
    public static class PrimaryKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private String centerId;
        private String externalReference;

        @Override
        public boolean equals(Object other) {
            return other instanceof PrimaryKey that && Objects.equals(centerId, that.centerId)
                    && Objects.equals(externalReference, that.externalReference);
        }

        @Override
        public int hashCode() {
            return Objects.hash(centerId, externalReference);
        }
    }
}
