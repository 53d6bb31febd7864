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
 * @param note free text, may be null; for {@link #FIELDS_UPDATED} the ids of the fields changed, for
 *     {@link #ASSIGNED} the new assignee (null when unassigned), for {@link #PERSON_ADDED} the person's role
 */
public record TimelineEvent(Instant at, String actor, String kind, String action, String fromStatus,
        String toStatus, String note) {
    /** Kind of the event recording that the case was opened. */
    public static final String OPENED = "OPENED";
    /** Kind of the event recording a workflow action. */
    public static final String ACTION = "ACTION";
    /** Kind of the event recording a move to another version of the workflow. */
    public static final String MIGRATED = "MIGRATED";
    /** Kind of the event recording that an SLA became overdue and was escalated. */
    public static final String ESCALATED = "ESCALATED";
    /** Kind of the event recording that a hub routed the intake to, or shared it with, a national center. */
    public static final String ROUTED = "ROUTED";
    /** Kind of the event recording that custom fields were changed outside a workflow action. */
    public static final String FIELDS_UPDATED = "FIELDS_UPDATED";
    /** Kind of the event recording that the case was assigned to a user, or unassigned. */
    public static final String ASSIGNED = "ASSIGNED";
    /** Kind of the event recording that a person was linked to the case. */
    public static final String PERSON_ADDED = "PERSON_ADDED";
    /** Kind of the event recording that a police referral pack was sent; the note names the agency. */
    public static final String REFERRAL_SENT = "REFERRAL_SENT";
    /** Kind of the event recording that the police acknowledged a referral. */
    public static final String REFERRAL_ACKNOWLEDGED = "REFERRAL_ACKNOWLEDGED";
    /** Kind of the event recording that the police acted on a referral. */
    public static final String REFERRAL_ACTED_ON = "REFERRAL_ACTED_ON";
    /** Kind of the event recording a request to transfer the case to another center; the note has center and reason. */
    public static final String TRANSFER_REQUESTED = "TRANSFER_REQUESTED";
    /** Kind of the event recording that the receiving center took the case over. */
    public static final String TRANSFER_ACCEPTED = "TRANSFER_ACCEPTED";
    /** Kind of the event recording that the receiving center refused to take the case over. */
    public static final String TRANSFER_REJECTED = "TRANSFER_REJECTED";
    /** Kind of the event recording a request to share the case with another center. */
    public static final String SHARE_REQUESTED = "SHARE_REQUESTED";
    /** Kind of the event recording that the other center accepted the share and can read the case. */
    public static final String SHARE_ACCEPTED = "SHARE_ACCEPTED";
    /** Kind of the event recording that the other center declined the share. */
    public static final String SHARE_REJECTED = "SHARE_REJECTED";
    /** Kind of the event recording that a child abduction alert was requested; the note names the alert. */
    public static final String ALERT_REQUESTED = "ALERT_REQUESTED";
    /** Kind of the event recording that an alert was approved; the note gives the decider's reasons. */
    public static final String ALERT_APPROVED = "ALERT_APPROVED";
    /** Kind of the event recording that an alert was refused; the note gives the decider's reasons. */
    public static final String ALERT_REFUSED = "ALERT_REFUSED";
    /** Kind of the event recording that an alert was issued (its CAP Alert message published). */
    public static final String ALERT_ISSUED = "ALERT_ISSUED";
    /** Kind of the event recording that a CAP Update of an alert was published. */
    public static final String ALERT_UPDATED = "ALERT_UPDATED";
    /** Kind of the event recording that an alert was cancelled (its CAP Cancel message published). */
    public static final String ALERT_CANCELLED = "ALERT_CANCELLED";
    /** Staff decided that this case and another are about the same child; the note names the other case. */
    public static final String SAME_CHILD = "SAME_CHILD";
    /** Staff decided that this case and another are not about the same child; the pair is not proposed again. */
    public static final String NOT_SAME_CHILD = "NOT_SAME_CHILD";
    /** A same-child or not-the-same decision about this case was undone. */
    public static final String DECISION_UNDONE = "DECISION_UNDONE";
}
