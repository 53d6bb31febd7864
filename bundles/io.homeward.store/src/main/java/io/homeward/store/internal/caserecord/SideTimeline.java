package io.homeward.store.internal.caserecord;

import io.homeward.store.internal.cases.SlaEscalator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Appends to a case's timeline what the platform records beside the case — an SLA escalation, an alert's request,
 * decision and messages — without changing {@link io.homeward.casemodel.Case#version()}: such events change nothing
 * staff base their edits on (status, fields, persons), so they must not make pending edits fail with a conflict
 * (see {@link SlaEscalator}). The case's row lock, taken first as by every change of a case, keeps two appends from
 * taking the same timeline index.
 */
public final class SideTimeline {

    private SideTimeline() {
    }

    /**
     * Locks the case's row until the transaction ends.
     *
     * @param openOnly true to find only a case that is not closed
     * @return whether the case exists (and is open, when asked)
     */
    public static boolean lock(Session session, UUID caseId, boolean openOnly) {
        return !session.createNativeQuery("select event_count from hw_case where id = :id"
                + (openOnly ? " and closed_at is null" : "") + " for update", Integer.class)
                .setParameter("id", caseId).getResultList().isEmpty();
    }

    /** Appends an event to the timeline of a case whose row the transaction has {@linkplain #lock locked}. */
    public static void append(Session session, UUID caseId, Instant at, String actor, String kind, String note) {
        List<Integer> eventCount = session.createNativeQuery("select event_count from hw_case where id = :id",
                Integer.class).setParameter("id", caseId).getResultList();
        int index = eventCount.get(0);
        session.createNativeMutationQuery("update hw_case set event_count = :next where id = :id")
                .setParameter("next", index + 1).setParameter("id", caseId).executeUpdate();
        session.persist(new TimelineEventEntity(UUID.randomUUID(), caseId, index, at, actor, kind, null, null, null,
                note));
    }
}
