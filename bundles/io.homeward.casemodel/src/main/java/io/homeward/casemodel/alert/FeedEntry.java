package io.homeward.casemodel.alert;

/**
 * An active alert as the feed shows it: with the CAP XML of its latest message.
 *
 * @param alert the alert, {@link AlertStatus#ACTIVE}, never null
 * @param cap the CAP 1.2 XML of its latest message, UTF-8, never null
 */
public record FeedEntry(Alert alert, byte[] cap) {
}
