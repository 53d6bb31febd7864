package io.homeward.casemodel.exchange;

import java.time.Instant;
import java.util.UUID;

/**
 * A package received from a partner and the case it made.
 *
 * @param partnerId the sending deployment, never null
 * @param packageId never null
 * @param caseId the case opened here, never null
 * @param caseNumber its number here, never null
 * @param senderCaseNumber the case's number at the sender, never null
 * @param receivedAt never null
 */
public record InboxEntry(String partnerId, UUID packageId, UUID caseId, String caseNumber, String senderCaseNumber,
        Instant receivedAt) {
}
