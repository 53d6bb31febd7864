package io.homeward.casemodel.center;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a center a regional hub (e.g. SEEC): the member countries it serves, how it hands intakes to the
 * national centers of the deployment, and its own rules per member country for countries without one.
 *
 * @param members ISO 3166-1 alpha-2 codes of the member countries, from the deployment's configuration
 * @param routing what happens to an intake for a member country whose national center is installed
 * @param countries the hub's rules per country, by country code; a member without rules uses the hub's own
 */
public record Hub(List<String> members, Routing routing, Map<String, CountryRules> countries) {
    public Hub {
        members = List.copyOf(members);
        countries = Map.copyOf(countries);
    }

    /** @return the hub's rules for a country, or empty when the hub's own apply */
    public Optional<CountryRules> rules(String country) {
        return Optional.ofNullable(countries.get(country));
    }

    /** How a hub hands an intake to an installed national center. */
    public enum Routing {
        /** The case is opened by the national center; the hub keeps read access. */
        TRANSFER,
        /** The case is opened by the hub and shared with the national center. */
        SHARE
    }

    /**
     * A hub's rules for one member country.
     *
     * @param country ISO 3166-1 alpha-2 code, never null
     * @param languages the languages the hub works in for this country, never empty
     * @param caseNumbers the country's case-number scheme, never null
     * @param requiredAtIntake custom fields the country requires when a case opens, never null
     */
    public record CountryRules(String country, List<String> languages, CaseNumberScheme caseNumbers,
            List<String> requiredAtIntake) {
        public CountryRules {
            languages = List.copyOf(languages);
            requiredAtIntake = List.copyOf(requiredAtIntake);
        }
    }
}
