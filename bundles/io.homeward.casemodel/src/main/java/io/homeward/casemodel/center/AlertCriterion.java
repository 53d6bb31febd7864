package io.homeward.casemodel.center;

/**
 * One criterion of a country's child abduction alert plan, stated as a rule over the case so that the platform
 * can tell whether it is met, unmet or unknown.
 *
 * @param id unique within the center, never null
 * @param rule how it is evaluated, never null
 * @param field the custom field the rule reads, null for {@link Rule#CHILD_AGE_BELOW}
 * @param value the value the rule compares with (an age, or the field value that meets it), may be null
 * @param labels the criterion as the plan states it, never null
 */
public record AlertCriterion(String id, Rule rule, String field, String value, Labels labels) {

    /** The kinds of rule an alert criterion can be. */
    public enum Rule {
        /** The child's age, from the date of birth, is below {@code value} years. */
        CHILD_AGE_BELOW,
        /** The field has the value {@code value}. */
        FIELD_EQUALS,
        /** The field has any value. */
        FIELD_PRESENT
    }
}
