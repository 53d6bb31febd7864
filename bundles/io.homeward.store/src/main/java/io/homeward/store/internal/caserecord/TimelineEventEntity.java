package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.TimelineEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One entry of a case's timeline (table {@code hw_timeline_event}). Append-only, hence {@link Immutable} and
 * without a version: it is never updated. It refers to its case by id rather than by association so that
 * appending an event never loads the timeline and reading it never loads the case.
 */
@Entity
@Immutable
@Table(name = "hw_timeline_event")
public class TimelineEventEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    /** Position in the case's timeline, from 0; unique per case, so two concurrent appends cannot both win. */
    @Column(name = "event_index", nullable = false)
    private int index;

    @Column(name = "occurred_at", nullable = false)
    private Instant at;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "action_id")
    private String action;

    @Column(name = "from_status")
    private String fromStatus;

    @Column(name = "to_status")
    private String toStatus;

    @Column(name = "note")
    private String note;

    protected TimelineEventEntity() {
        // for Hibernate
    }

    TimelineEventEntity(UUID id, UUID caseId, int index, Instant at, String actor, String kind, String action,
            String fromStatus, String toStatus, String note) {
        this.id = id;
        this.caseId = caseId;
        this.index = index;
        this.at = at;
        this.actor = actor;
        this.kind = kind;
        this.action = action;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.note = note;
    }

    public TimelineEvent toEvent() {
        return new TimelineEvent(at, actor, kind, action, fromStatus, toStatus, note);
    }
}
