package io.homeward.casemodel.duplicate;

import io.homeward.casemodel.MatchReason;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A case whose child may be the child in question.
 *
 * @param caseId the case, never null
 * @param caseNumber its number, never null
 * @param centerId the center that owns it, never null
 * @param country the country it is handled in, never null
 * @param status its workflow state, never null
 * @param personId the person of that case who may be the same child, never null
 * @param familyName that person's family name, may be null
 * @param givenName that person's given name, may be null
 * @param dateOfBirth that person's date of birth, may be null
 * @param reasons why it is proposed, best first, never empty
 * @param score higher for likelier candidates; candidates come best first
 */
public record Candidate(UUID caseId, String caseNumber, String centerId, String country, String status,
        UUID personId, String familyName, String givenName, LocalDate dateOfBirth, List<MatchReason> reasons,
        int score) {
    public Candidate {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(personId, "personId");
        reasons = List.copyOf(reasons);
    }
}
