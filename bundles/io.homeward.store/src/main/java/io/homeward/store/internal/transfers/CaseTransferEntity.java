package io.homeward.store.internal.transfers;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.transfer.CaseTransfer;
import io.homeward.casemodel.transfer.TransferKind;
import io.homeward.casemodel.transfer.TransferStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A request to transfer or share a case (table {@code hw_case_transfer}, V6). Decided once: only the decision
 * columns ever change, and only while the request is pending.
 */
@Entity
@Table(name = "hw_case_transfer")
public class CaseTransferEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private UUID caseId;

    @Column(name = "case_number", nullable = false, updatable = false)
    private String caseNumber;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "case_type", nullable = false, updatable = false)
    private CaseType caseType;

    @Column(name = "country", nullable = false, updatable = false)
    private String country;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "risk_level", nullable = false, updatable = false)
    private RiskLevel riskLevel;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "kind", nullable = false, updatable = false)
    private TransferKind kind;

    @Column(name = "from_center_id", nullable = false, updatable = false)
    private String fromCenterId;

    @Column(name = "to_center_id", nullable = false, updatable = false)
    private String toCenterId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false)
    private TransferStatus status;

    @Column(name = "reason", nullable = false, updatable = false)
    private String reason;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected CaseTransferEntity() {
        // for Hibernate
    }

    CaseTransferEntity(UUID id, Case c, TransferKind kind, String toCenterId, String reason, String requestedBy,
            Instant requestedAt) {
        this.id = id;
        this.caseId = c.id();
        this.caseNumber = c.number();
        this.caseType = c.type();
        this.country = c.country();
        this.riskLevel = c.risk().level();
        this.kind = kind;
        this.fromCenterId = c.centerId();
        this.toCenterId = toCenterId;
        this.status = TransferStatus.PENDING;
        this.reason = reason;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    UUID id() {
        return id;
    }

    UUID caseId() {
        return caseId;
    }

    TransferKind kind() {
        return kind;
    }

    String fromCenterId() {
        return fromCenterId;
    }

    String toCenterId() {
        return toCenterId;
    }

    TransferStatus status() {
        return status;
    }

    /** Records the outcome; the caller has checked that the request is pending. */
    void decide(TransferStatus outcome, String actor, Instant at, String why) {
        this.status = outcome;
        this.decidedBy = actor;
        this.decidedAt = at;
        this.decisionReason = why;
    }

    CaseTransfer toTransfer() {
        return new CaseTransfer(id, caseId, caseNumber, caseType, country, riskLevel, kind, fromCenterId, toCenterId,
                status, reason, requestedBy, requestedAt, decidedBy, decidedAt, decisionReason);
    }
}
