package io.homeward.casemodel.alert;

/** Where an alert stands. Requested → refused, or requested → approved → active → cancelled. */
public enum AlertStatus {
    /** Requested, waiting for a decision. */
    REQUESTED,
    /** Refused by a decider; final (a new request makes a new alert). */
    REFUSED,
    /** Approved, not issued yet. */
    APPROVED,
    /** Issued: published on the feed and pushed through the channels. */
    ACTIVE,
    /** Cancelled after it was issued; final. */
    CANCELLED
}
