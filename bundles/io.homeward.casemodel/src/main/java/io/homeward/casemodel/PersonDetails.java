package io.homeward.casemodel;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What is known of a person linked to a case. Any field but the role may be unknown (null): a hotline call
 * rarely yields everything at once.
 *
 * @param role never null
 * @param familyName may be null
 * @param givenName may be null
 * @param sex may be null
 * @param dateOfBirth may be null
 * @param description free-text physical description, may be null
 * @param phone contact number, may be null
 */
public record PersonDetails(PersonRole role, String familyName, String givenName, Sex sex, LocalDate dateOfBirth,
        String description, String phone) {
    public PersonDetails {
        Objects.requireNonNull(role, "role");
    }

    /** @return the age in whole years on the given day, or -1 when the date of birth is unknown */
    public int ageOn(LocalDate day) {
        return dateOfBirth == null ? -1 : java.time.Period.between(dateOfBirth, day).getYears();
    }
}
