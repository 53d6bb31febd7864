package io.homeward.store.internal.exchange;

import io.homeward.casemodel.exchange.InboxEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A package received from a partner (table {@code hw_exchange_inbox}), inserted in the transaction that opens its
 * case: its key, partner and package id, is what makes a second delivery of the package create nothing.
 */
@Entity
@Immutable
@Table(name = "hw_exchange_inbox")
public class ExchangeInboxEntity {

    @EmbeddedId
    private Key key;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "case_number", nullable = false)
    private String caseNumber;

    @Column(name = "sender_case_number", nullable = false)
    private String senderCaseNumber;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected ExchangeInboxEntity() {
        // for Hibernate
    }

    ExchangeInboxEntity(Key key, UUID caseId, String caseNumber, String senderCaseNumber, Instant receivedAt) {
        this.key = key;
        this.caseId = caseId;
        this.caseNumber = caseNumber;
        this.senderCaseNumber = senderCaseNumber;
        this.receivedAt = receivedAt;
    }

    InboxEntry toEntry() {
        return new InboxEntry(key.partnerId(), key.packageId(), caseId, caseNumber, senderCaseNumber, receivedAt);
    }

    /**
     * @param partnerId the sending deployment, never null
     * @param packageId never null
     */
    @Embeddable
    public record Key(@Column(name = "partner_id") String partnerId, @Column(name = "package_id") UUID packageId) {
    }
}
