package io.homeward.casemodel.transfer;

/** Where a request stands. Decided requests never change again. */
public enum TransferStatus {
    PENDING, ACCEPTED, REJECTED
}
