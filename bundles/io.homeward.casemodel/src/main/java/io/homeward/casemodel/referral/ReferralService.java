package io.homeward.casemodel.referral;

import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.security.AccessDeniedException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Police referral packs of cases. Every method runs as the {@link io.homeward.casemodel.security.Subject} bound
 * to the calling thread: reads need {@code CASE_READ} on a case the subject's center can see, changes need
 * {@code CASE_UPDATE} on a case its center owns (or that is assigned to the subject); a case the subject cannot
 * see is not found. Every read and change is recorded in the audit trail; changes also on the case's timeline.
 * Everything survives a restart (it is in the database). Thread-safe.
 *
 * <p>A pack may be sent with identifiers missing (police often need to start with what there is): the pack sent
 * records what was missing at that moment, and a later referral can carry the completed pack.
 */
@ProviderType
public interface ReferralService {

    /**
     * Checks the case against the Yellow Notice minimum identifiers, as it is now.
     *
     * @return the pack as it would be sent now, never null
     * @throws CaseNotFoundException when the case does not exist or the subject's center cannot see it
     * @throws AccessDeniedException when the subject may not read cases
     */
    ReferralPack prepare(UUID caseId);

    /**
     * Sends the case's pack, as it is now, to a police agency: records a referral in status
     * {@link ReferralStatus#SENT}.
     *
     * @param agency the police agency, required, at most 200 characters
     * @param note free text for the timeline, may be null
     * @return the referral, never null
     * @throws InvalidCaseException when the agency is blank or too long
     * @throws CaseException (a conflict) when the case is closed
     * @throws CaseNotFoundException when the case does not exist or the subject's center cannot see it
     * @throws AccessDeniedException when the subject may not change the case
     */
    Referral send(UUID caseId, String agency, String note);

    /**
     * @return the referrals of a case, oldest first, never null
     * @throws CaseNotFoundException when the case does not exist or the subject's center cannot see it
     */
    List<Referral> referrals(UUID caseId);

    /** @return the referral, empty when it does not exist or the subject's center cannot see its case */
    Optional<Referral> find(UUID referralId);

    /**
     * Records the next step of a referral: {@code SENT → ACKNOWLEDGED → ACTED_ON}, one step at a time.
     *
     * @param status the status reached, which must be the one after the current
     * @param note free text for the timeline, may be null
     * @return the referral after the step, never null
     * @throws CaseException (a conflict) when {@code status} is not the next step: a skip or a step back
     * @throws InvalidCaseException when {@code status} is null
     * @throws CaseNotFoundException when the referral does not exist or its case is invisible to the subject
     */
    Referral advance(UUID referralId, ReferralStatus status, String note);

    /**
     * @return the referral's pack as a PDF document (case number, center, identifiers, what is missing, the
     *     photograph when there is one), never null
     * @throws CaseNotFoundException when the referral does not exist or its case is invisible to the subject
     */
    byte[] pdf(UUID referralId);
}
