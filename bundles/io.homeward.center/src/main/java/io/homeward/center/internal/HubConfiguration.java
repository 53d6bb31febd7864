package io.homeward.center.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A regional hub's membership, one configuration per hub (factory PID {@value #FACTORY_PID}), e.g.
 * {@code etc/io.homeward.center.hub-seec.cfg}:
 * <pre>
 * center = seec
 * members = AL,BA,BG,CY,GR,HR,ME,MD,MK,RO,RS,SI,XK
 * routing = transfer
 * </pre>
 */
@ObjectClassDefinition(name = "Homeward regional hub", description = "Member countries of a hub center and how it routes intakes")
public @interface HubConfiguration {

    String FACTORY_PID = "io.homeward.center.hub";

    @AttributeDefinition(description = "Id of the hub center, as its plugin declares it")
    String center();

    @AttributeDefinition(description = "ISO 3166-1 alpha-2 codes of the member countries")
    String[] members();

    @AttributeDefinition(description = "transfer or share; empty keeps what the plugin declares", required = false)
    String routing() default "";
}
