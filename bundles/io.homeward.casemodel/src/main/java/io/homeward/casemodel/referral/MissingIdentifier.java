package io.homeward.casemodel.referral;

import java.util.Objects;

/**
 * One INTERPOL Yellow Notice minimum identifier that a case does not have yet.
 *
 * @param code stable, machine-readable, one of the {@code CODE_*} constants; the web API shows it in the user's
 *     language by this code
 * @param identifier the identifier concerned, one of the {@code IDENTIFIER_*} constants
 * @param message what is missing and where to record it, in English; never null
 */
public record MissingIdentifier(String code, String identifier, String message) {
    /** The case has no person with role CHILD to refer. */
    public static final String CODE_CHILD = "referral.missing.child";
    /** The child's family name is unknown. */
    public static final String CODE_FAMILY_NAME = "referral.missing.family-name";
    /** The child's forename is unknown. */
    public static final String CODE_FORENAME = "referral.missing.forename";
    /** The child's sex is unknown (or recorded as UNKNOWN). */
    public static final String CODE_SEX = "referral.missing.sex";
    /** The child's date of birth is unknown: not even the year. */
    public static final String CODE_BIRTH_YEAR = "referral.missing.birth-year";
    /** None of physical description, photograph, DNA profile or fingerprints is on record. */
    public static final String CODE_IDENTIFYING_FEATURE = "referral.missing.identifying-feature";

    public static final String IDENTIFIER_CHILD = "child";
    public static final String IDENTIFIER_FAMILY_NAME = "familyName";
    public static final String IDENTIFIER_FORENAME = "givenName";
    public static final String IDENTIFIER_SEX = "sex";
    public static final String IDENTIFIER_DATE_OF_BIRTH = "dateOfBirth";
    /** Stands for the four alternatives: physical description, photograph, DNA profile, fingerprints. */
    public static final String IDENTIFIER_FEATURE = "physicalDescription|photograph|dnaProfile|fingerprints";

    public MissingIdentifier {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(message, "message");
    }
}
