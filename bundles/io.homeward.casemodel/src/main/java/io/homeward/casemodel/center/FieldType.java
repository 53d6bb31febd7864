package io.homeward.casemodel.center;

/** The types a center's custom field may have; values travel as strings in the form given here. */
public enum FieldType {
    /** Free text. */
    TEXT,
    /** A calendar date, ISO 8601 {@code yyyy-MM-dd}. */
    DATE,
    /** One of the field's declared choices. */
    CHOICE,
    /** An ISO 3166-1 alpha-2 country code. */
    COUNTRY,
    /** A whole number. */
    NUMBER,
    /** A reference to a person linked to the same case: the person's id. */
    PERSON
}
