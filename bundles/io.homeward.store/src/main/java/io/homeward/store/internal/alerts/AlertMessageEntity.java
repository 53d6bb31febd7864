package io.homeward.store.internal.alerts;

import io.homeward.casemodel.alert.AlertMessage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A CAP message of an alert as published (table {@code hw_alert_message}); append-only. */
@Entity
@Immutable
@Table(name = "hw_alert_message")
public class AlertMessageEntity {

    @Id
    private UUID id;

    @Column(name = "alert_id", nullable = false)
    private UUID alertId;

    /** Place among the alert's messages, from 0; unique per alert. */
    @Column(name = "item_no", nullable = false)
    private int index;

    @Enumerated(EnumType.STRING)
    @Column(name = "msg_type", nullable = false)
    private AlertMessage.Type type;

    @Column(name = "sender", nullable = false)
    private String sender;

    @Column(name = "sent_at", nullable = false)
    private Instant sent;

    @Column(name = "cap", nullable = false)
    private byte[] cap;

    protected AlertMessageEntity() {
        // for Hibernate
    }

    AlertMessageEntity(AlertMessage message, int index, byte[] cap) {
        this.id = message.id();
        this.alertId = message.alertId();
        this.index = index;
        this.type = message.type();
        this.sender = message.sender();
        this.sent = message.sent();
        this.cap = cap;
    }

    UUID alertId() {
        return alertId;
    }

    byte[] cap() {
        return cap;
    }

    /** @return how a later message of the alert references this one: sender, identifier and its literal sent */
    String reference() {
        return sender + "," + id + "," + CapWriter.sent(cap);
    }

    AlertMessage toMessage() {
        return new AlertMessage(id, alertId, type, sender, sent);
    }
}
