package io.homeward.casemodel;

import java.util.Objects;
import java.util.UUID;

/**
 * How one case of a {@link CasePage} answered the search's text.
 *
 * @param caseId the case, never null
 * @param personId the person whose name matched, or null when the case matched by its number
 * @param reason why it matched, never null
 * @param score higher for better matches; results with text come best first
 */
public record SearchMatch(UUID caseId, UUID personId, MatchReason reason, int score) {
    public SearchMatch {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(reason, "reason");
    }
}
