package io.homeward.casemodel.alert;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to push CAP messages out (a web hook, a broadcaster's feed, an SMS gateway…), registered as an OSGi service
 * with the service property {@value #NAME_PROPERTY} set to a name unique in the deployment.
 *
 * <p>The platform calls {@link #deliver} from a thread of its own, one call at a time per channel, for every message
 * made while the channel is registered, and keeps calling until the call returns normally: a call that throws is
 * retried later with exponential backoff, and a slow or failing channel never holds up the others. A message may
 * therefore be delivered more than once (after a crash between delivery and its record): receivers deduplicate by the
 * CAP {@code identifier}.
 */
@ConsumerType
public interface AlertChannel {

    /** Service property naming the channel, e.g. {@code police-feed}. */
    String NAME_PROPERTY = "homeward.alert.channel";

    /**
     * Delivers one message.
     *
     * @param message what the message is, never null
     * @param cap the CAP 1.2 XML document, UTF-8 encoded, never null
     * @throws Exception when it was not delivered; the message is retried later
     */
    void deliver(AlertMessage message, byte[] cap) throws Exception;
}
