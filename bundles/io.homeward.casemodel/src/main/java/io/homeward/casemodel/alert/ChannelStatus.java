package io.homeward.casemodel.alert;

/**
 * How a distribution channel is doing.
 *
 * @param channel its name, never null
 * @param registered whether the channel's service is registered now (a channel that went away keeps its deliveries)
 * @param pending deliveries not made yet, failing ones included
 * @param failing deliveries whose last attempt failed
 * @param delivered deliveries made
 * @param lastError the most recent failure of an undelivered message, null when none is failing
 */
public record ChannelStatus(String channel, boolean registered, int pending, int failing, int delivered,
        String lastError) {

    /** @return true when the channel is registered and no delivery of it is failing */
    public boolean healthy() {
        return registered && failing == 0;
    }
}
