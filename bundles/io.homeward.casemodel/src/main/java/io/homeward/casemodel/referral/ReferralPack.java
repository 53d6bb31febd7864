package io.homeward.casemodel.referral;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.Sex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a police referral carries: the case, its center and the Yellow Notice identifiers of its missing child, as
 * they were at {@link #preparedAt()}. Where each identifier comes from:
 * <ul>
 * <li>family name, forename, sex, date of birth and physical description: the case's first person with role
 * CHILD ({@link io.homeward.casemodel.PersonDetails});</li>
 * <li>photograph: the case's most recent attachment whose detected type is an image;</li>
 * <li>DNA profile and fingerprints: the case's custom fields {@value #DNA_PROFILE_FIELD} and
 * {@value #FINGERPRINTS_FIELD} (a reference to the laboratory or AFIS record, never the data itself), for centers
 * that declare them.</li>
 * </ul>
 *
 * @param caseId never null
 * @param caseNumber never null
 * @param centerId the center that owns the case, never null
 * @param centerName never null
 * @param country ISO 3166-1 alpha-2 code of the case's country, never null
 * @param caseType never null
 * @param preparedAt never null
 * @param familyName may be null (then listed in {@link #missing()})
 * @param givenName may be null
 * @param sex may be null
 * @param dateOfBirth may be null
 * @param physicalDescription may be null
 * @param photograph may be null
 * @param dnaProfile may be null
 * @param fingerprints may be null
 * @param missing the minimum identifiers that are missing, empty when the pack is complete; never null
 */
public record ReferralPack(UUID caseId, String caseNumber, String centerId, String centerName, String country,
        CaseType caseType, Instant preparedAt, String familyName, String givenName, Sex sex, LocalDate dateOfBirth,
        String physicalDescription, Attachment photograph, String dnaProfile, String fingerprints,
        List<MissingIdentifier> missing) {

    /** Id of the custom field holding a reference to the child's DNA profile, where a center declares it. */
    public static final String DNA_PROFILE_FIELD = "dna-profile";
    /** Id of the custom field holding a reference to the child's fingerprint record, where a center declares it. */
    public static final String FINGERPRINTS_FIELD = "fingerprints";

    public ReferralPack {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(caseNumber, "caseNumber");
        missing = List.copyOf(missing);
    }

    /** @return whether every minimum identifier is present */
    public boolean isComplete() {
        return missing.isEmpty();
    }

    /** @return this pack with the missing identifiers replaced, e.g. by their messages in another language */
    public ReferralPack withMissing(List<MissingIdentifier> replaced) {
        return new ReferralPack(caseId, caseNumber, centerId, centerName, country, caseType, preparedAt, familyName,
                givenName, sex, dateOfBirth, physicalDescription, photograph, dnaProfile, fingerprints, replaced);
    }
}
