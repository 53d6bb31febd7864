package io.homeward.store.internal.alerts;

import io.homeward.casemodel.alert.AlertDelivery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The outbox row of one CAP message for one channel (table {@code hw_alert_delivery}). {@link AlertDispatcher} claims
 * and updates it with conditional UPDATEs (see there), so the entity is only created and read.
 */
@Entity
@Table(name = "hw_alert_delivery")
public class AlertDeliveryEntity {

    @Id
    private UUID id;

    @Column(name = "message_id", nullable = false)
    private UUID messageId;

    @Column(name = "channel", nullable = false)
    private String channel;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected AlertDeliveryEntity() {
        // for Hibernate
    }

    /** A delivery due now, not tried yet. */
    AlertDeliveryEntity(UUID messageId, String channel, Instant now) {
        this.id = UUID.randomUUID();
        this.messageId = messageId;
        this.channel = channel;
        this.nextAttemptAt = now;
    }

    AlertDelivery toDelivery() {
        AlertDelivery.Status status = deliveredAt != null ? AlertDelivery.Status.DELIVERED
                : lastError != null ? AlertDelivery.Status.FAILING : AlertDelivery.Status.PENDING;
        return new AlertDelivery(messageId, channel, status, attempts, deliveredAt == null ? nextAttemptAt : null,
                lastError, deliveredAt);
    }
}
