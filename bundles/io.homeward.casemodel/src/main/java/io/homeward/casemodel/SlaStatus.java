package io.homeward.casemodel;

import java.time.Instant;

/**
 * Where a case stands against one of its workflow's SLA timers.
 *
 * @param slaId the SLA as declared by the center, never null
 * @param deadline when it must be met, never null
 * @param metAt when it was met, null while not met
 * @param escalatedAt when the platform escalated it for being overdue, null if it was not
 */
public record SlaStatus(String slaId, Instant deadline, Instant metAt, Instant escalatedAt) {

    /** @return true when the deadline passed before the SLA was met */
    public boolean isOverdue(Instant now) {
        return metAt == null ? now.isAfter(deadline) : metAt.isAfter(deadline);
    }
}
