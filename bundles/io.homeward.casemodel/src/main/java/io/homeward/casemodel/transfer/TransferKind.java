package io.homeward.casemodel.transfer;

/** What a request asks of the receiving center. */
public enum TransferKind {
    /** Take the case over: on acceptance the receiver owns it and the sender loses access (unless it is a hub
     * whose member country the case is in). */
    TRANSFER,
    /** Read the case too: on acceptance the receiver can read it; the owner stays the owner. */
    SHARE
}
