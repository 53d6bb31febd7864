package io.homeward.store.internal;

import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.WorkflowState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks that intakes and workflow actions share. Each adds what it finds to a list, so that a request is
 * refused once with every problem rather than once per problem. Violation fields are named as in the request:
 * {@code fields.<id>} for a custom field.
 */
final class CaseRules {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private CaseRules() {
    }

    /** @return true when the code is an ISO 3166-1 alpha-2 country code (upper case, as the standard writes it) */
    static boolean isCountry(String code) {
        return COUNTRIES.contains(code);
    }

    /** Checks that every field is declared by the center and that its value suits the declaration. */
    static void checkFieldValues(Center center, Map<String, String> values, List<Violation> violations) {
        // sorted, so that the violations come in a stable order
        new TreeMap<>(values).forEach((id, value) -> {
            Optional<FieldDefinition> field = center.field(id);
            if (field.isEmpty()) {
                violations.add(new Violation(fieldName(id), "is not a field of center " + center.id()));
            } else {
                field.get().problemWith(value).ifPresent(problem -> violations.add(new Violation(fieldName(id), problem)));
            }
        });
    }

    /** Checks that the fields the state requires have a non-blank value. */
    static void checkRequiredFields(WorkflowState state, Map<String, String> values, List<Violation> violations) {
        for (String id : state.requiredFields()) {
            String value = values.get(id);
            if (value == null || value.isBlank()) {
                violations.add(new Violation(fieldName(id), "is required in state " + state.id()));
            }
        }
    }

    static String fieldName(String fieldId) {
        return "fields." + fieldId;
    }
}
