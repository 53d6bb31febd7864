package io.homeward.casemodel.center;

import java.time.Duration;
import java.util.Set;

/**
 * A deadline a center sets itself, e.g. "first contact with the family within 4 hours". The timer starts when
 * a case enters {@link #startState()} (a case opened in that state starts it at once) and is met when the case
 * enters one of {@link #metBy()}. An open case past its deadline is flagged overdue and escalated by the
 * platform, which records it on the case's timeline.
 *
 * @param id unique within the workflow, never null
 * @param within the time allowed, positive
 * @param startState the state that starts the timer, never null
 * @param metBy states whose entry meets the SLA, never empty
 * @param escalateTo the role the escalation is addressed to, e.g. {@code supervisor}; never null
 * @param labels never null
 */
public record SlaDefinition(String id, Duration within, String startState, Set<String> metBy, String escalateTo,
        Labels labels) {
    public SlaDefinition {
        metBy = Set.copyOf(metBy);
    }
}
