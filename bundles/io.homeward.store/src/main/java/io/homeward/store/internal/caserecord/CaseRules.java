package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.center.WorkflowState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The checks that intakes and workflow actions share. Each adds what it finds to a list, so that a request is
 * refused once with every problem rather than once per problem. Violation fields are named as in the request:
 * {@code fields.<id>} for a custom field; violations of a field carry a code (and its arguments) so that the web
 * layer can say them in the user's language.
 */
public final class CaseRules {

    /** Widths of the columns of hw_person and of user names (V1). */
    public static final int NAME_LENGTH = 200;
    static final int PHONE_LENGTH = 50;
    public static final int USER_LENGTH = 200;
    /** A risk reason or a physical description: a few paragraphs, not a document. */
    public static final int TEXT_LENGTH = 4000;
    /** The oldest person a case may name, in years: a date of birth before it is a typing error. */
    static final int MAX_AGE_YEARS = 120;

    private CaseRules() {
    }

    /**
     * Checks that every field is declared by the center and that its value suits the declaration (a null value,
     * which clears the field, only needs the declaration). A
     * {@link FieldType#PERSON} value must name a person linked to the same case: at intake no person has an id
     * yet, so such a field can only be set by a later action.
     *
     * @param personIds the ids of the persons linked to the case, empty at intake
     */
    public static void checkFieldValues(Center center, Map<String, String> values, Set<UUID> personIds,
            List<Violation> violations) {
        // sorted, so that the violations come in a stable order
        new TreeMap<>(values).forEach((id, value) -> {
            Optional<FieldDefinition> field = center.field(id);
            if (field.isEmpty()) {
                violations.add(new Violation(fieldName(id), "is not a field of center " + center.id(), "field.unknown",
                        List.of()));
                return;
            }
            if (value == null) {
                return; // clears the field: any declared field may be cleared, if its state does not require it
            }
            Optional<FieldDefinition.Problem> problem = field.get().check(value);
            if (problem.isEmpty() && field.get().type() == FieldType.PERSON
                    && !personIds.contains(UUID.fromString(value))) {
                problem = Optional.of(new FieldDefinition.Problem("field.not-a-person",
                        "'" + value + "' is not the id of a person linked to this case", List.of(value)));
            }
            problem.ifPresent(p -> violations.add(new Violation(fieldName(id), p.message(), p.code(), p.arguments())));
        });
    }

    /** Checks that the fields the state requires have a non-blank value. */
    public static void checkRequiredFields(WorkflowState state, Map<String, String> values, List<Violation> violations) {
        checkPresent(state.requiredFields(), values, "is required in state " + state.id(), "field.required-in-state",
                state.id(), violations);
    }

    /** Checks that the fields a hub's rules for a country require at intake have a non-blank value. */
    public static void checkRequiredAtIntake(List<String> required, String country, Map<String, String> values,
            List<Violation> violations) {
        checkPresent(required, values, "is required at intake for a case in " + country, "field.required-at-intake",
                country, violations);
    }

    private static void checkPresent(List<String> required, Map<String, String> values, String message, String code,
            String argument, List<Violation> violations) {
        for (String id : required) {
            String value = values.get(id);
            if (value == null || value.isBlank()) {
                violations.add(new Violation(fieldName(id), message, code, List.of(argument)));
            }
        }
    }

    /**
     * Checks that what is known of a person fits the store's columns, so that a long name is refused with a
     * message rather than failing the transaction.
     *
     * @param prefix how the request names the person, e.g. {@code persons[0].}
     */
    public static void checkPerson(PersonDetails person, String prefix, Instant now, List<Violation> violations) {
        checkLength(person.familyName(), prefix + "familyName", NAME_LENGTH, violations);
        checkLength(person.givenName(), prefix + "givenName", NAME_LENGTH, violations);
        checkLength(person.description(), prefix + "description", TEXT_LENGTH, violations);
        checkLength(person.phone(), prefix + "phone", PHONE_LENGTH, violations);
        LocalDate born = person.dateOfBirth();
        // tomorrow in UTC is today somewhere: a center east of Greenwich may record a birth of its own today
        LocalDate latest = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
        LocalDate earliest = latest.minusYears(MAX_AGE_YEARS);
        if (born != null && (born.isAfter(latest) || born.isBefore(earliest))) {
            violations.add(new Violation(prefix + "dateOfBirth", born + " is not between " + earliest + " and "
                    + latest, "field.date-out-of-range", List.of(born.toString(), earliest.toString(),
                            latest.toString())));
        }
    }

    /** Checks that a text, when given, has at most {@code max} characters. */
    public static void checkLength(String value, String field, int max, List<Violation> violations) {
        if (value != null && value.length() > max) {
            violations.add(new Violation(field, "is longer than " + max + " characters", "field.too-long",
                    List.of(Integer.toString(max))));
        }
    }

    static String fieldName(String fieldId) {
        return "fields." + fieldId;
    }
}
