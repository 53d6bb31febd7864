package io.homeward.casemodel.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the delivery of one CAP message through one channel stands. The platform keeps it in the database, retries a
 * failed delivery with exponential backoff until it succeeds, and survives restarts.
 *
 * @param messageId never null
 * @param channel the channel's name, never null
 * @param status never null
 * @param attempts how many times delivery was tried
 * @param nextAttemptAt when it is tried next, null once delivered
 * @param lastError why the last attempt failed, null when it did not
 * @param deliveredAt when the channel took it, null until then
 */
public record AlertDelivery(UUID messageId, String channel, Status status, int attempts, Instant nextAttemptAt,
        String lastError, Instant deliveredAt) {

    /** Delivery states. */
    public enum Status {
        /** Not tried yet. */
        PENDING,
        /** The last attempt failed; it is retried. */
        FAILING,
        /** The channel took the message. */
        DELIVERED
    }
}
