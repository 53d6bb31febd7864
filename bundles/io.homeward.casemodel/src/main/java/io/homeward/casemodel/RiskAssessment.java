package io.homeward.casemodel;

import java.time.Instant;
import java.util.Objects;

/**
 * A risk level and why it was set. A case keeps its current assessment; earlier ones stay on its timeline.
 *
 * @param level never null
 * @param reason why the level was set, never blank
 * @param assessedBy who set it, never null
 * @param assessedAt when it was set, never null
 */
public record RiskAssessment(RiskLevel level, String reason, String assessedBy, Instant assessedAt) {
    public RiskAssessment {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(assessedBy, "assessedBy");
        Objects.requireNonNull(assessedAt, "assessedAt");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a risk level needs the reason it was set");
        }
    }
}
