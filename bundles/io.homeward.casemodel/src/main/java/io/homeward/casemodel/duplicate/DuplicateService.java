package io.homeward.casemodel.duplicate;

import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.security.AccessDeniedException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Possible duplicates and the decisions about them, for the subject bound to the calling thread
 * ({@link io.homeward.casemodel.security.SubjectContext}). Candidates are only ever cases the subject's center may
 * read; a case it may not read is never proposed, counted or hinted at. Every call is audited. Thread-safe.
 */
@ProviderType
public interface DuplicateService {

    /** Most candidates any call returns. */
    int MAX_CANDIDATES = 20;

    /**
     * The cases whose children may be the child being typed at intake: by name (any script, any order, small
     * misspellings) and date of birth.
     *
     * @param familyName may be null or blank
     * @param givenName may be null or blank
     * @param dateOfBirth may be null
     * @param limit at most this many, 1 to {@link #MAX_CANDIDATES}
     * @return the candidates, best first; empty when no name is given
     * @throws AccessDeniedException when the subject may not read cases
     * @throws IllegalArgumentException when the limit is out of range or a name is longer than a search allows
     */
    List<Candidate> candidates(String familyName, String givenName, LocalDate dateOfBirth, int limit);

    /**
     * "Possible same child": the other cases whose children may be a child of this case, without the cases it is
     * linked to or was decided not to be the same as.
     *
     * @return the candidates, best first
     * @throws CaseNotFoundException when no case has this id or the subject may not read it
     */
    List<Candidate> candidates(UUID caseId, int limit);

    /**
     * @return the decisions about the case, in force and undone, newest first
     * @throws CaseNotFoundException when no case has this id or the subject may not read it
     */
    List<CaseLink> links(UUID caseId);

    /**
     * Records that the two cases are about the same child (they are linked) or not (the pair is not proposed
     * again), on both cases' timelines and in the audit trail.
     *
     * @param reason why, never blank
     * @return the decision
     * @throws CaseNotFoundException when either case does not exist or the subject may not read it
     * @throws AccessDeniedException when the subject may not update cases
     * @throws InvalidCaseException when the reason is missing or too long, or both ids name one case
     * @throws CaseException when a decision about the pair is already in force
     */
    CaseLink decide(UUID caseId, UUID otherCaseId, boolean sameChild, String reason);

    /**
     * Undoes a decision in force, on both timelines and in the audit trail; the pair may be proposed again.
     *
     * @param reason why, never blank
     * @return the decision, undone
     * @throws CaseNotFoundException when no decision has this id or the subject may not read both its cases
     * @throws CaseException when it is already undone
     */
    CaseLink undo(UUID linkId, String reason);
}
