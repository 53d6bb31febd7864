package io.homeward.casemodel.transfer;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.RiskLevel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to transfer or share a case, with its outcome. Both centers see it (the outcome is echoed back to
 * the sender this way, even after a transfer took the case out of its sight). While it is pending the receiver
 * can read this request only — the case number, type, country and risk level as they were when it was asked, and
 * the sender's reason — not the case itself: a center that refuses a case never saw the child's data.
 *
 * @param id never null
 * @param caseId never null
 * @param caseNumber never null
 * @param caseType never null
 * @param country never null
 * @param riskLevel never null
 * @param kind never null
 * @param fromCenterId the center that owned the case when asking, never null
 * @param toCenterId never null
 * @param status never null
 * @param reason why the sender asks, never blank
 * @param requestedBy never null
 * @param requestedAt never null
 * @param decidedBy null while pending
 * @param decidedAt null while pending
 * @param decisionReason why the receiver accepted or rejected, null while pending
 */
public record CaseTransfer(UUID id, UUID caseId, String caseNumber, CaseType caseType, String country,
        RiskLevel riskLevel, TransferKind kind, String fromCenterId, String toCenterId, TransferStatus status,
        String reason, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
        String decisionReason) {
    public CaseTransfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }
}
