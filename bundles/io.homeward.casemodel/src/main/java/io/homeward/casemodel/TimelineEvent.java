package io.homeward.casemodel;

import java.time.Instant;

/**
 * One entry of a case's timeline, oldest first. The timeline is append-only.
 *
 * @param at when it happened, never null
 * @param actor who did it, never null
 * @param kind what happened, e.g. {@code OPENED}, {@code ACTION}, {@code RISK}; never null
 * @param action the workflow action performed, null unless {@code kind} is {@code ACTION}
 * @param fromStatus the status before, may be null
 * @param toStatus the status after, may be null
 * @param note free text, may be null
 */
public record TimelineEvent(Instant at, String actor, String kind, String action, String fromStatus,
        String toStatus, String note) {
    /** Kind of the event recording that the case was opened. */
    public static final String OPENED = "OPENED";
    /** Kind of the event recording a workflow action. */
    public static final String ACTION = "ACTION";
}
