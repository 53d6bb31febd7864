package io.homeward.web.internal;

import io.homeward.casemodel.alert.AlertChannel;
import io.homeward.casemodel.alert.AlertMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An alert channel that POSTs each CAP message to a URL (a broadcaster's, a police system's, a partner's), one
 * instance per factory configuration, e.g. {@code etc/io.homeward.alert.webhook-police.cfg}:
 * <pre>
 * homeward.alert.channel = police
 * url = https://alerts.example.org/cap
 * </pre>
 * The body is the CAP XML ({@code application/cap+xml}); any 2xx answer counts as delivered, anything else (or no
 * answer within the timeout) as a failure that the platform retries with backoff.
 */
@Component(service = AlertChannel.class, configurationPid = WebhookAlertChannel.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookAlertChannel.Configuration.class, factory = true)
public final class WebhookAlertChannel implements AlertChannel {

    /** Factory PID of the configurations. */
    static final String PID = "io.homeward.alert.webhook";

    /** Where and how to post. */
    @ObjectClassDefinition(name = "Homeward alert web hook",
            description = "Posts every CAP message of the platform's child abduction alerts to a URL.")
    public @interface Configuration {
        /** Becomes the service property {@value AlertChannel#NAME_PROPERTY}: the channel's name. */
        @AttributeDefinition(name = "Channel name", description = "Unique in the deployment, e.g. police")
        String homeward_alert_channel();

        @AttributeDefinition(name = "URL", description = "http or https URL the CAP XML is POSTed to")
        String url();

        @AttributeDefinition(name = "Timeout (seconds)", min = "1", description = "Longest wait for an answer")
        int timeoutSeconds() default 10;
    }

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    @Activate
    public WebhookAlertChannel(Configuration config) {
        URI parsed = URI.create(config.url().strip());
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("alert web hook " + config.homeward_alert_channel()
                    + ": the url must be http or https");
        }
        this.url = parsed;
        this.timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(AlertMessage message, byte[] cap) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", AlertsServlet.CAP_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(cap)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url.getHost());
        }
    }
}
