/**
 * Transfers and shares of a case between centers: requests, decisions, and what an accepted transfer ends
 * ({@link io.homeward.store.internal.transfers.TransferServiceImpl}, the {@code TransferService}, with authorization
 * and audit). Uses {@code db}, {@code caserecord}, {@code audit}, {@code cases}, and {@code alerts} to refuse a
 * transfer while an alert is under way. No other domain uses it.
 */
package io.homeward.store.internal.transfers;
