package io.homeward.casemodel.exchange;

import java.time.Instant;
import java.util.UUID;

/**
 * One package a deployment sent (or is sending) to a partner.
 *
 * @param packageId never null
 * @param caseId the sender's case, never null
 * @param caseNumber the sender's case number, never null
 * @param partnerId never null
 * @param targetCenter the center at the partner, never null
 * @param status never null
 * @param attempts delivery attempts so far
 * @param nextAttemptAt when the outbox job tries next, null unless {@link Status#PENDING}
 * @param lastError why the last attempt failed or the refusal's reason, null when none failed
 * @param partnerCaseNumber the partner's case number once {@link Status#DELIVERED}, else null
 * @param createdAt never null
 * @param finishedAt when it was delivered or refused, else null
 */
public record OutboxEntry(UUID packageId, UUID caseId, String caseNumber, String partnerId, String targetCenter,
        Status status, int attempts, Instant nextAttemptAt, String lastError, String partnerCaseNumber,
        Instant createdAt, Instant finishedAt) {

    /** Where a package is on its way. */
    public enum Status {
        /** Waiting for (the next) delivery attempt. */
        PENDING,
        /** The partner acknowledged it. */
        DELIVERED,
        /** The partner refused it; never retried. */
        REFUSED
    }
}
