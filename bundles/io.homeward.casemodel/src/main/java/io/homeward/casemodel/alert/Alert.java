package io.homeward.casemodel.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A child abduction alert on a case: its request with the evaluation of the plan's criteria at that moment, the
 * decision with the evaluation the decider saw, and the CAP messages published for it.
 *
 * @param id never null
 * @param caseId never null
 * @param caseNumber never null
 * @param centerId the center whose plan applies, never null
 * @param status never null
 * @param requestedBy never null
 * @param requestedAt never null
 * @param requestReason why it was requested, never null
 * @param evaluation the criteria as they stood at the request, never null
 * @param decidedBy null until decided
 * @param decidedAt null until decided
 * @param decisionReasons null until decided
 * @param decisionEvidence the criteria as they stood at the decision, empty until decided
 * @param urgency CAP grading set by an approval, null otherwise
 * @param severity CAP grading set by an approval, null otherwise
 * @param certainty CAP grading set by an approval, null otherwise
 * @param messages the CAP messages published, oldest first, never null
 * @param photoId the image attachment of the case that the CAP messages show, chosen when the alert was issued; null
 *     when none was chosen (or not issued yet)
 */
public record Alert(UUID id, UUID caseId, String caseNumber, String centerId, AlertStatus status, String requestedBy,
        Instant requestedAt, String requestReason, List<CriterionResult> evaluation, String decidedBy,
        Instant decidedAt, String decisionReasons, List<CriterionResult> decisionEvidence,
        AlertDecision.Urgency urgency, AlertDecision.Severity severity, AlertDecision.Certainty certainty,
        List<AlertMessage> messages, UUID photoId) {
    public Alert {
        evaluation = List.copyOf(evaluation);
        decisionEvidence = List.copyOf(decisionEvidence);
        messages = List.copyOf(messages);
    }
}
