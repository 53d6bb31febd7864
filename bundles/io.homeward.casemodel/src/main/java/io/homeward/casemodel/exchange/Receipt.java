package io.homeward.casemodel.exchange;

import java.util.UUID;

/**
 * The receiver's answer to a package it accepted.
 *
 * @param packageId never null
 * @param caseNumber the receiver's number of the case the package made, never null
 * @param duplicate true when the package had been received before and this call created nothing
 */
public record Receipt(UUID packageId, String caseNumber, boolean duplicate) {
}
