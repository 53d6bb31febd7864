package io.homeward.casemodel.transfer;

import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.security.AccessDeniedException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Transfers and shares of cases between the centers of one deployment. Every method runs as the
 * {@link io.homeward.casemodel.security.Subject} bound to the calling thread; asking and deciding need
 * {@code CASE_ASSIGN} (supervisors): handing a case to another center is a decision about who works it. A request
 * is visible to the users of its two centers only. Every read and change is recorded in the audit trail; requests
 * and outcomes also on the case's timeline. Everything is in the database. Thread-safe: of two decisions of one
 * request made at the same moment, exactly one wins; the other fails as a conflict.
 */
@ProviderType
public interface TransferService {

    /**
     * Asks another center to take the case over, or to share it.
     *
     * @param toCenterId an installed center other than the case's owner
     * @param reason why, required, at most 2000 characters
     * @return the pending request, never null
     * @throws InvalidCaseException when the kind or reason is missing, or the center is unknown or the owner itself
     * @throws CaseException (a conflict) when the case is closed, already has a pending transfer, or is already
     *     shared with (or has a pending share to) that center; for a transfer, also while the case has an alert
     *     that is requested, approved or active
     * @throws CaseNotFoundException when the case does not exist or the subject's center cannot see it
     * @throws AccessDeniedException when the subject's center does not own the case, or its role may not assign
     */
    CaseTransfer request(UUID caseId, TransferKind kind, String toCenterId, String reason);

    /**
     * Accepts a pending request addressed to the subject's center. A transfer moves the case to the receiver:
     * its owner, category and workflow become the receiver's (the case enters the initial state of the category's
     * current workflow, its SLA timers start afresh), its assignee is cleared and its number kept; the former
     * owner's other pending requests are rejected and every share of the case ends. A share lets the receiver read
     * the case.
     *
     * @param category for a transfer, the receiver's category the case enters; null for the receiver's first
     *     category of the case's type. Ignored for a share
     * @param reason why, required
     * @return the decided request, never null
     * @throws InvalidCaseException when the reason is missing, or the category is not one of the receiver's
     * @throws CaseException (a conflict) when the request is no longer pending, the case was closed or the center
     *     that asked no longer owns it; for a transfer, also while the case has an alert that is requested,
     *     approved or active
     * @throws CaseNotFoundException when the request does not exist or is not addressed to the subject's center
     */
    CaseTransfer accept(UUID transferId, String category, String reason);

    /**
     * Rejects a pending request addressed to the subject's center; nothing changes for the case.
     *
     * @param reason why, required
     * @return the decided request, never null
     * @throws InvalidCaseException when the reason is missing
     * @throws CaseException (a conflict) when the request is no longer pending
     * @throws CaseNotFoundException when the request does not exist or is not addressed to the subject's center
     */
    CaseTransfer reject(UUID transferId, String reason);

    /** @return the request, empty when it does not exist or the subject's center is neither of its centers */
    Optional<CaseTransfer> find(UUID transferId);

    /**
     * @param status only requests in this status, or null for all
     * @return the requests addressed to the subject's center, newest first, never null
     */
    List<CaseTransfer> incoming(TransferStatus status);

    /**
     * @param status only requests in this status, or null for all
     * @return the requests the subject's center made, newest first, with their outcome; never null
     */
    List<CaseTransfer> outgoing(TransferStatus status);

    /**
     * @return the requests of one case that the subject's center made or received, oldest first, never null
     * @throws CaseNotFoundException when the case does not exist or the subject's center cannot see it
     */
    List<CaseTransfer> ofCase(UUID caseId);
}
