/**
 * The audit trail: append-only, hash-chained rows of every read and change, and their verification
 * ({@link io.homeward.store.internal.audit.AuditLog}, also the {@code AuditTrail} service). Every domain appends
 * inside its own transaction, so that a change and its audit row commit or roll back together. Uses {@code db}, and
 * {@code caserecord} to check that whoever reads a case's trail may see the case.
 *
 * <p>Entry point: {@link io.homeward.store.internal.audit.AuditLog}.
 */
package io.homeward.store.internal.audit;
