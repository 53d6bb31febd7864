package io.homeward.store.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Appends an event to a case's timeline from outside a change of the case (jobs, the exchange), the way
 * {@link SlaEscalator} does: the case's row is locked first, as by every change of a case, so that the event takes
 * the next timeline index alone; the case's version is left as it is (nothing staff decide on changed).
 */
final class CaseTimeline {

    private CaseTimeline() {
    }

    /**
     * Appends within the caller's transaction.
     *
     * @return false when no case has this id
     */
    static boolean append(Session session, UUID caseId, Instant at, String actor, String kind, String note) {
        List<Integer> eventCount = session.createNativeQuery(
                "select event_count from hw_case where id = :id for update", Integer.class)
                .setParameter("id", caseId).getResultList();
        if (eventCount.isEmpty()) {
            return false;
        }
        int index = eventCount.get(0);
        session.createNativeMutationQuery("update hw_case set event_count = :next where id = :id")
                .setParameter("next", index + 1).setParameter("id", caseId).executeUpdate();
        session.persist(new TimelineEventEntity(UUID.randomUUID(), caseId, index, at, actor, kind, null, null, null,
                note));
        return true;
    }
}
