package io.homeward.store.internal.referrals;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.referral.MissingIdentifier;
import io.homeward.casemodel.referral.ReferralPack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The INTERPOL Yellow Notice minimum identifiers of a missing child: family name, forename, sex, date of birth (at
 * least the year), and at least one of physical description, photograph, DNA profile or fingerprints. Where each
 * comes from is documented on {@link ReferralPack}.
 */
final class YellowNotice {

    /** The English message of each code, also used to rebuild the list of a pack sent earlier. */
    private static final Map<String, MissingIdentifier> MISSING = Map.of(
            MissingIdentifier.CODE_CHILD, new MissingIdentifier(MissingIdentifier.CODE_CHILD,
                    MissingIdentifier.IDENTIFIER_CHILD, "the case has no person with role CHILD"),
            MissingIdentifier.CODE_FAMILY_NAME, new MissingIdentifier(MissingIdentifier.CODE_FAMILY_NAME,
                    MissingIdentifier.IDENTIFIER_FAMILY_NAME, "the child's family name is missing"),
            MissingIdentifier.CODE_FORENAME, new MissingIdentifier(MissingIdentifier.CODE_FORENAME,
                    MissingIdentifier.IDENTIFIER_FORENAME, "the child's forename is missing"),
            MissingIdentifier.CODE_SEX, new MissingIdentifier(MissingIdentifier.CODE_SEX,
                    MissingIdentifier.IDENTIFIER_SEX, "the child's sex is missing"),
            MissingIdentifier.CODE_BIRTH_YEAR, new MissingIdentifier(MissingIdentifier.CODE_BIRTH_YEAR,
                    MissingIdentifier.IDENTIFIER_DATE_OF_BIRTH, "the child's date of birth is missing"),
            MissingIdentifier.CODE_IDENTIFYING_FEATURE, new MissingIdentifier(
                    MissingIdentifier.CODE_IDENTIFYING_FEATURE, MissingIdentifier.IDENTIFIER_FEATURE,
                    "add at least one of: a physical description of the child, a photograph (an image attachment),"
                            + " a DNA profile reference or a fingerprint record reference"));

    private YellowNotice() {
    }

    /** @return the missing identifier of a code, in English */
    static MissingIdentifier missing(String code) {
        MissingIdentifier known = MISSING.get(code);
        return known != null ? known : new MissingIdentifier(code, "", code);
    }

    /**
     * @param centerName the name of the center that owns the case
     * @param attachments the case's attachments; the most recent image is the photograph
     * @return the pack of the case as it is, with what is missing
     */
    static ReferralPack pack(Case c, String centerName, List<Attachment> attachments, Instant now) {
        PersonDetails child = c.persons().stream().map(Person::details).filter(p -> p.role() == PersonRole.CHILD)
                .findFirst().orElse(null);
        Attachment photo = attachments.stream().filter(a -> a.contentType().startsWith("image/"))
                .max(Comparator.comparing(Attachment::uploadedAt)).orElse(null);
        String dna = blankToNull(c.fields().get(ReferralPack.DNA_PROFILE_FIELD));
        String fingerprints = blankToNull(c.fields().get(ReferralPack.FINGERPRINTS_FIELD));
        List<MissingIdentifier> missing = new ArrayList<>();
        String description = null;
        if (child == null) {
            missing.add(missing(MissingIdentifier.CODE_CHILD));
        } else {
            description = blankToNull(child.description());
            if (blankToNull(child.familyName()) == null) {
                missing.add(missing(MissingIdentifier.CODE_FAMILY_NAME));
            }
            if (blankToNull(child.givenName()) == null) {
                missing.add(missing(MissingIdentifier.CODE_FORENAME));
            }
            if (child.sex() == null || child.sex() == Sex.UNKNOWN) {
                missing.add(missing(MissingIdentifier.CODE_SEX));
            }
            if (child.dateOfBirth() == null) {
                missing.add(missing(MissingIdentifier.CODE_BIRTH_YEAR));
            }
        }
        if (description == null && photo == null && dna == null && fingerprints == null) {
            missing.add(missing(MissingIdentifier.CODE_IDENTIFYING_FEATURE));
        }
        return new ReferralPack(c.id(), c.number(), c.centerId(), centerName, c.country(), c.type(), now,
                child == null ? null : blankToNull(child.familyName()), child == null ? null
                        : blankToNull(child.givenName()), child == null ? null : child.sex(),
                child == null ? null : child.dateOfBirth(), description, photo, dna, fingerprints, missing);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
