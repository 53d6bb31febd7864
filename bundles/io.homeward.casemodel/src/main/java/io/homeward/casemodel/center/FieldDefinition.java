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
     * @return why the value is not acceptable for this field, or empty when it is
     */
    public Optional<String> problemWith(String value) {
        if (value.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        switch (type) {
            case DATE:
                try {
                    LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    return Optional.of("'" + value + "' is not a date of the form yyyy-MM-dd");
                }
                break;
            case CHOICE:
                if (!choices.contains(value)) {
                    return Optional.of("'" + value + "' is not one of " + String.join(", ", choices));
                }
                break;
            case COUNTRY:
                if (!Countries.isCode(value)) {
                    return Optional.of("'" + value + "' is not an ISO 3166-1 alpha-2 country code");
                }
                break;
            case NUMBER:
                if (!value.matches("-?\\d{1,18}")) {
                    return Optional.of("'" + value + "' is not a whole number");
                }
                break;
            case PERSON:
                // whether the person is linked to the case is the store's to check; here only the form
                if (!value.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")) {
                    return Optional.of("'" + value + "' is not the id of a person");
                }
                break;
            default:
                break;
        }
        return Optional.empty();
    }
}
