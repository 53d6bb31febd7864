package io.homeward.casemodel.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * One CAP 1.2 message published for an alert. Messages are immutable once made.
 *
 * @param id the message's id, also its CAP {@code identifier}; never null
 * @param alertId never null
 * @param type never null
 * @param sender the CAP {@code sender}, never null
 * @param sent the CAP {@code sent} time (whole seconds), never null
 */
public record AlertMessage(UUID id, UUID alertId, Type type, String sender, Instant sent) {

    /** The CAP {@code msgType} of a message. */
    public enum Type {
        /** The first message of an issued alert. */
        ALERT("Alert"),
        /** Supersedes the earlier messages with new information. */
        UPDATE("Update"),
        /** Withdraws the alert. */
        CANCEL("Cancel");

        private final String cap;

        Type(String cap) {
            this.cap = cap;
        }

        /** @return the CAP spelling */
        public String cap() {
            return cap;
        }
    }
}
