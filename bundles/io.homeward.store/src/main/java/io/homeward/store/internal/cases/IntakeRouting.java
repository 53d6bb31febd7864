package io.homeward.store.internal.cases;

import io.homeward.casemodel.Countries;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.Hub;
import java.util.List;
import java.util.Optional;

/**
 * Decides under which center, and under which of its rules, an intake is opened. An intake for a national center
 * stays there. An intake at a regional hub must name one of the hub's member countries; then, when the deployment
 * has a national center for that country, the hub's routing says whether the case is transferred to it (opened
 * by the national center, under its rules and with its category for the same case type) or opened by the hub
 * and shared with it; without one, the hub opens the case under its rules for that country.
 *
 * <p>Routing problems are added to the caller's list of violations, and the intake then stays with the hub under
 * the hub's own rules, so that the caller still finds and reports every other problem of the intake at once.
 */
final class IntakeRouting {

    private IntakeRouting() {
    }

    /**
     * @return where the intake goes, or null when its center is unknown (reported in {@code violations})
     */
    static Route route(NewCase intake, CenterRegistry registry, List<Violation> violations) {
        Center center = registry.center(intake.centerId()).orElse(null);
        if (center == null) {
            violations.add(new Violation("centerId", "no installed center plugin declares center " + intake.centerId()));
            return null;
        }
        if (!center.isHub()) {
            String country = intake.country() != null ? intake.country() : center.country();
            return Route.own(center, withCountry(intake, country));
        }
        Hub hub = center.hub();
        String country = intake.country();
        if (country == null) {
            violations.add(new Violation("country", "is required at hub " + center.id()
                    + ": one of its member countries " + String.join(", ", hub.members())));
            return Route.own(center, intake);
        }
        if (!hub.members().contains(country)) {
            // a code that is no country at all is reported by the intake's own checks
            if (Countries.isCode(country)) {
                violations.add(new Violation("country", country + " is not a member country of hub " + center.id()
                        + "; its members are " + String.join(", ", hub.members())));
            }
            return Route.own(center, intake);
        }
        Route underHub = underHubRules(center, intake);
        Optional<Center> national = nationalCenter(registry, country);
        if (national.isEmpty()) {
            return underHub;
        }
        if (hub.routing() == Hub.Routing.SHARE) {
            return underHub.sharedWith(national.get().id());
        }
        return transfer(center, national.get(), intake, violations).orElse(underHub);
    }

    /** The hub keeps the case, numbered and checked by its rules for the country when it declares some. */
    private static Route underHubRules(Center hub, NewCase intake) {
        return hub.hub().rules(intake.country())
                .map(rules -> new Route(hub, intake, rules.caseNumbers(), rules.country(), rules.requiredAtIntake(),
                        null, null))
                .orElseGet(() -> Route.own(hub, intake));
    }

    /**
     * The national center of a country: the first, by id, of the installed centers that are not hubs and whose
     * own country it is (a deployment normally has one).
     */
    private static Optional<Center> nationalCenter(CenterRegistry registry, String country) {
        return registry.centers().stream().filter(c -> !c.isHub() && c.country().equals(country)).findFirst();
    }

    /** The intake as the national center receives it: its own center id, and its category for the same type. */
    private static Optional<Route> transfer(Center hub, Center national, NewCase intake, List<Violation> violations) {
        // an unknown hub category is reported by the intake's own checks, against the hub
        Optional<CaseCategory> hubCategory = hub.category(intake.category());
        if (hubCategory.isEmpty()) {
            return Optional.empty();
        }
        Optional<CaseCategory> category = national.categories().stream()
                .filter(c -> c.caseType() == hubCategory.get().caseType()).findFirst();
        if (category.isEmpty()) {
            violations.add(new Violation("category", "center " + national.id() + ", to which hub " + hub.id()
                    + " routes cases in " + intake.country() + ", has no category of type "
                    + hubCategory.get().caseType() + " for " + intake.category()));
            return Optional.empty();
        }
        NewCase routed = new NewCase(national.id(), category.get().id(), intake.country(), intake.riskLevel(),
                intake.riskReason(), intake.fields(), intake.persons());
        return Optional.of(new Route(national, routed, national.caseNumbers(), CaseNumberCounter.Key.CENTER_SCHEME,
                List.of(), null, "routed from hub " + hub.id()));
    }

    private static NewCase withCountry(NewCase intake, String country) {
        return new NewCase(intake.centerId(), intake.category(), country, intake.riskLevel(), intake.riskReason(),
                intake.fields(), intake.persons());
    }

    /**
     * Where an intake goes.
     *
     * @param center the center that will own the case
     * @param intake the intake as that center receives it: its id, one of its categories, and the country
     * @param numbers the case-number scheme to number the case with
     * @param numberScope the scope of the sequence, see {@link CaseNumberCounter.Key#scope()}
     * @param requiredAtIntake fields that a hub's rules for the country require, else empty
     * @param sharedWith the center the case is shared with from the start, or null
     * @param routedNote what the timeline says about the routing, or null when the intake was not routed
     */
    record Route(Center center, NewCase intake, CaseNumberScheme numbers, String numberScope,
            List<String> requiredAtIntake, String sharedWith, String routedNote) {

        /** The center keeps the intake, under its own rules and case-number scheme. */
        static Route own(Center center, NewCase intake) {
            return new Route(center, intake, center.caseNumbers(), CaseNumberCounter.Key.CENTER_SCHEME, List.of(),
                    null, null);
        }

        Route sharedWith(String centerId) {
            return new Route(center, intake, numbers, numberScope, requiredAtIntake, centerId,
                    "shared with " + centerId);
        }
    }
}
