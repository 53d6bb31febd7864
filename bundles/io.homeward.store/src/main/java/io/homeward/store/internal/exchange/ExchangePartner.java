package io.homeward.store.internal.exchange;

import java.net.URI;
import java.security.PublicKey;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A partner deployment, one per configuration of the factory PID {@value #FACTORY_PID}, e.g.
 * {@code etc/io.homeward.exchange.partner-seec.cfg}:
 * <pre>
 * id = seec-athens
 * publicKey = MCowBQYDK2VwAyEA...
 * url = https://homeward.seec.example
 * center = seec
 * </pre>
 * A configuration that is wrong (no id, a key that is no Ed25519 key, a URL that is not http(s)) fails to activate,
 * and SCR logs why: the partner then stays unknown.
 */
@Component(service = ExchangePartner.class, configurationPid = ExchangePartner.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ExchangePartner.Configuration.class, factory = true)
public final class ExchangePartner {

    static final String FACTORY_PID = "io.homeward.exchange.partner";

    /** What this deployment knows of a partner. */
    @ObjectClassDefinition(name = "Homeward exchange partner", description = "A deployment cases are exchanged with")
    public @interface Configuration {
        @AttributeDefinition(description = "The partner's deployment id, as its etc/io.homeward.exchange.cfg says")
        String id();

        @AttributeDefinition(description = "The partner's public key, as its exchange:identity command prints it")
        String publicKey();

        @AttributeDefinition(description = "Base URL of the partner's platform (https://...); empty: packages for"
                + " it travel as files only", required = false)
        String url() default "";

        @AttributeDefinition(description = "The partner's center that receives cases unless the sender names"
                + " another", required = false)
        String center() default "";
    }

    private final String id;
    private final PublicKey publicKey;
    private final URI url;
    private final String center;

    @Activate
    public ExchangePartner(Configuration config) {
        this(config.id(), config.publicKey(), config.url(), config.center());
    }

    ExchangePartner(String id, String publicKey, String url, String center) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an exchange partner needs an id");
        }
        this.id = id.strip();
        this.publicKey = ExchangeKeys.publicKey(publicKey == null ? "" : publicKey);
        if (url == null || url.isBlank()) {
            this.url = null;
        } else {
            URI parsed = URI.create(url.strip());
            if (!"https".equals(parsed.getScheme()) && !"http".equals(parsed.getScheme())) {
                throw new IllegalArgumentException("the url of exchange partner " + id + " must be http(s)");
            }
            this.url = parsed;
        }
        this.center = center == null || center.isBlank() ? null : center.strip();
    }

    String id() {
        return id;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** @return where the partner receives packages, or null when it receives files only */
    URI packagesEndpoint() {
        if (url == null) {
            return null;
        }
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/api/v1/exchange/packages");
    }

    /** @return the default target center, or null */
    String center() {
        return center;
    }
}
