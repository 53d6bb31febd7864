package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.SlaStatus;
import io.homeward.casemodel.center.SlaDefinition;
import io.homeward.store.internal.cases.SlaEscalator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One SLA timer of a case (table {@code hw_sla_timer}); owned by its {@link CaseEntity}. It starts when the case
 * enters the SLA's start state, is met when the case enters one of the states that meet it, and is escalated
 * by {@link SlaEscalator} when its case is still open and the timer unmet past the deadline. A case has at most
 * one timer per SLA: entering the start state again does not restart it.
 */
@Entity
@Table(name = "hw_sla_timer")
public class SlaTimerEntity {

    @Id
    private UUID id;

    @Column(name = "sla_id", nullable = false, updatable = false)
    private String slaId;

    @Column(name = "escalate_to", nullable = false, updatable = false)
    private String escalateTo;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "deadline", nullable = false, updatable = false)
    private Instant deadline;

    @Column(name = "met_at")
    private Instant metAt;

    /** Set by {@link SlaEscalator} with an UPDATE of its own; read here, never written through the entity. */
    @Column(name = "escalated_at", insertable = false, updatable = false)
    private Instant escalatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SlaTimerEntity() {
        // for Hibernate
    }

    /** Starts the timer of an SLA at the moment its case entered the start state. */
    SlaTimerEntity(SlaDefinition sla, Instant startedAt) {
        this.id = UUID.randomUUID();
        this.slaId = sla.id();
        this.escalateTo = sla.escalateTo();
        this.startedAt = startedAt;
        this.deadline = startedAt.plus(sla.within());
    }

    public String slaId() {
        return slaId;
    }

    public Instant deadline() {
        return deadline;
    }

    public String escalateTo() {
        return escalateTo;
    }

    /** Records that the case entered a state that meets the SLA; a timer met once stays met. */
    void meet(Instant at) {
        if (metAt == null) {
            metAt = at;
        }
    }

    boolean unmet() {
        return metAt == null;
    }

    SlaStatus toStatus() {
        return new SlaStatus(slaId, deadline, metAt, escalatedAt);
    }
}
