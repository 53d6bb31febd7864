package io.homeward.casemodel.center;

import io.homeward.casemodel.Countries;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A custom field a center declares for its cases.
 *
 * @param id unique within the center, never null
 * @param type never null
 * @param choices allowed values of a {@link FieldType#CHOICE} field, empty otherwise
 * @param maxLength longest accepted value
 * @param labels never null
 */
public record FieldDefinition(String id, FieldType type, List<String> choices, int maxLength, Labels labels) {
    public FieldDefinition {
        choices = List.copyOf(choices);
    }

    /**
     * @param value the value as entered, not null
     * @return why the value is not acceptable for this field, in English, or empty when it is
     */
    public Optional<String> problemWith(String value) {
        return check(value).map(Problem::message);
    }

    /**
     * @param value the value as entered, not null
     * @return why the value is not acceptable for this field, or empty when it is
     */
    public Optional<Problem> check(String value) {
        if (value.length() > maxLength) {
            return problem("field.too-long", "is longer than " + maxLength + " characters", Integer.toString(maxLength));
        }
        boolean ok = switch (type) {
            case DATE -> isDate(value);
            case CHOICE -> choices.contains(value);
            case COUNTRY -> Countries.isCode(value);
            case NUMBER -> value.matches("-?\\d{1,18}");
            // whether the person is linked to the case is the store's to check; here only the form
            case PERSON -> value.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
            case TEXT -> true;
        };
        if (ok) {
            return Optional.empty();
        }
        return switch (type) {
            case DATE -> problem("field.not-a-date", "'" + value + "' is not a date of the form yyyy-MM-dd", value);
            case CHOICE -> problem("field.not-a-choice", "'" + value + "' is not one of " + String.join(", ", choices),
                    value, String.join(", ", choices));
            case COUNTRY -> problem("field.not-a-country", "'" + value + "' is not an ISO 3166-1 alpha-2 country code", value);
            case NUMBER -> problem("field.not-a-number", "'" + value + "' is not a whole number", value);
            default -> problem("field.not-a-person", "'" + value + "' is not the id of a person", value);
        };
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<Problem> problem(String code, String message, String... arguments) {
        return Optional.of(new Problem(code, message, List.of(arguments)));
    }

    /**
     * What is wrong with a value.
     *
     * @param code stable identifier of the kind of problem, for messages in the user's language
     * @param message the problem in English
     * @param arguments the values the message is about
     */
    public record Problem(String code, String message, List<String> arguments) {
    }
}
