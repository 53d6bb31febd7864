package io.homeward.store.internal.exchange;

import io.homeward.casemodel.exchange.OutboxEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A package sent or being sent to a partner (table {@code hw_exchange_outbox}). Created by
 * {@link ExchangeServiceImpl#send}; its delivery state is changed only by the outbox job, with conditional UPDATEs
 * (see {@link ExchangeOutbox}), so that nodes sharing the database never work one entry at the same time.
 */
@Entity
@Table(name = "hw_exchange_outbox")
public class ExchangeOutboxEntity {

    @Id
    @Column(name = "package_id")
    private UUID packageId;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "case_number", nullable = false)
    private String caseNumber;

    @Column(name = "partner_id", nullable = false)
    private String partnerId;

    @Column(name = "target_center", nullable = false)
    private String targetCenter;

    /** The package's JSON, exactly the bytes signed (UTF-8). */
    @Column(name = "content", nullable = false)
    private String content;

    /** Base64 of the Ed25519 signature. */
    @Column(name = "signature", nullable = false)
    private String signature;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OutboxEntry.Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "partner_case_number")
    private String partnerCaseNumber;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ExchangeOutboxEntity() {
        // for Hibernate
    }

    /** A new entry, due at once. */
    ExchangeOutboxEntity(UUID packageId, UUID caseId, String caseNumber, String partnerId, String targetCenter,
            String content, String signature, Instant createdAt) {
        this.packageId = packageId;
        this.caseId = caseId;
        this.caseNumber = caseNumber;
        this.partnerId = partnerId;
        this.targetCenter = targetCenter;
        this.content = content;
        this.signature = signature;
        this.status = OutboxEntry.Status.PENDING;
        this.nextAttemptAt = createdAt;
        this.createdAt = createdAt;
    }

    UUID packageId() {
        return packageId;
    }

    UUID caseId() {
        return caseId;
    }

    String partnerId() {
        return partnerId;
    }

    String content() {
        return content;
    }

    String signature() {
        return signature;
    }

    int attempts() {
        return attempts;
    }

    OutboxEntry toEntry() {
        return new OutboxEntry(packageId, caseId, caseNumber, partnerId, targetCenter, status, attempts,
                nextAttemptAt, lastError, partnerCaseNumber, createdAt, finishedAt);
    }
}
