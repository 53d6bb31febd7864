package io.homeward.casemodel.center;

import io.homeward.casemodel.security.Role;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A country's child abduction alert plan as a center declares it ({@code <alert-plan>}): the criteria an alert
 * must meet, who may request one and who may decide on it, and what the published CAP message says of the event
 * and the area.
 *
 * @param criteria the center's {@code <alert-criterion>} elements, in declaration order, never null
 * @param requesters roles that may request an alert, never empty
 * @param deciders roles that may approve or refuse, issue, update and cancel one, never empty; whoever requested
 *     an alert never decides on it, whatever their role
 * @param event the CAP {@code <event>} text per language, e.g. "Amber Alert Hellas", never null
 * @param eventCode the CAP {@code <eventCode>}, e.g. SAME/CAE, never null
 * @param area the CAP {@code <area>}, never null
 */
public record AlertPlan(List<AlertCriterion> criteria, Set<Role> requesters, Set<Role> deciders, Labels event,
        Code eventCode, Area area) {
    public AlertPlan {
        criteria = List.copyOf(criteria);
        requesters = Set.copyOf(requesters);
        deciders = Set.copyOf(deciders);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventCode, "eventCode");
        Objects.requireNonNull(area, "area");
    }

    /**
     * A CAP value pair ({@code valueName}, {@code value}), as CAP's eventCode and geocode are.
     *
     * @param valueName the code system, e.g. {@code SAME}, never null
     * @param value the code, e.g. {@code CAE}, never null
     */
    public record Code(String valueName, String value) {
    }

    /**
     * Where an alert is published.
     *
     * @param description the CAP {@code areaDesc} per language, never null
     * @param geocodes the CAP geocodes, e.g. ISO3166-1/GR, never null
     */
    public record Area(Labels description, List<Code> geocodes) {
        public Area {
            Objects.requireNonNull(description, "description");
            geocodes = List.copyOf(geocodes);
        }
    }
}
