package io.homeward.center.internal;

import io.homeward.casemodel.Countries;
import io.homeward.casemodel.center.Hub;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One configured hub membership; the registry applies it to the hub center its plugin declares. */
@Component(service = HubMembership.class, configurationPid = HubConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HubConfiguration.class, factory = true)
public final class HubMembership {

    final String center;
    final List<String> members;
    final Hub.Routing routing;

    @Activate
    public HubMembership(HubConfiguration config) {
        center = config.center().trim();
        members = Arrays.stream(config.members()).flatMap(m -> Arrays.stream(m.split(",")))
                .map(m -> m.trim().toUpperCase(Locale.ROOT)).filter(m -> !m.isEmpty()).distinct().toList();
        for (String member : members) {
            if (!Countries.isCode(member)) {
                throw new IllegalArgumentException("hub " + center + ": member '" + member
                        + "' is not an ISO 3166-1 alpha-2 country code");
            }
        }
        routing = config.routing().isBlank() ? null : Hub.Routing.valueOf(config.routing().trim().toUpperCase(Locale.ROOT));
    }

    /** @return the hub with the configured members (and routing, when configured) */
    Hub applyTo(Hub declared) {
        return new Hub(members, routing == null ? declared.routing() : routing, declared.countries());
    }
}
