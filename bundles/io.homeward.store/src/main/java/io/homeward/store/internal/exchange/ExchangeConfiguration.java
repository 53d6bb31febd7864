package io.homeward.store.internal.exchange;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * This deployment's side of the exchange with partner deployments (PID {@value #PID}, in a distribution
 * {@code etc/io.homeward.exchange.cfg}): its id, as partners name it, and how the outbox job retries.
 */
@ObjectClassDefinition(name = "Homeward exchange", description = "Exchange of cases with partner deployments")
public @interface ExchangeConfiguration {

    String PID = "io.homeward.exchange";

    @AttributeDefinition(description = "How partners name this deployment (e.g. child-focus-be): the sender of the"
            + " packages it sends, the recipient of those it accepts; empty: it neither sends nor accepts packages",
            required = false)
    String deploymentId() default "";

    @AttributeDefinition(description = "Seconds between two runs of the outbox job", min = "1")
    long intervalSeconds() default 10;

    @AttributeDefinition(description = "Seconds before the first retry of a failed delivery; each further retry"
            + " waits twice as long", min = "1")
    long retryBaseSeconds() default 10;

    @AttributeDefinition(description = "Longest wait between two delivery attempts, in seconds", min = "1")
    long retryMaxSeconds() default 3600;

    @AttributeDefinition(description = "Seconds to wait for a partner to accept a connection and to answer", min = "1")
    long timeoutSeconds() default 30;
}
