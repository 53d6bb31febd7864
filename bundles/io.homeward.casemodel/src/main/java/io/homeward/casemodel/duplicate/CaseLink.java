package io.homeward.casemodel.duplicate;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What staff decided about two cases: the same child, or not the same. A decision in force stands until undone;
 * an undone one is kept, with who undid it and why.
 *
 * @param id the decision, never null
 * @param caseId one case, never null
 * @param otherCaseId the other case, never null
 * @param sameChild true: the same child, the cases are linked; false: not the same, the pair is not proposed again
 * @param decidedBy who decided, never null
 * @param decidedAt when, never null
 * @param reason why, never null
 * @param undoneBy who undid the decision, or null while it is in force
 * @param undoneAt when, or null
 * @param undoReason why, or null
 */
public record CaseLink(UUID id, UUID caseId, UUID otherCaseId, boolean sameChild, String decidedBy,
        Instant decidedAt, String reason, String undoneBy, Instant undoneAt, String undoReason) {
    public CaseLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(otherCaseId, "otherCaseId");
    }

    /** @return whether the decision is in force (not undone) */
    public boolean inForce() {
        return undoneAt == null;
    }
}
