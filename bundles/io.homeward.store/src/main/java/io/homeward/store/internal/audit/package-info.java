/**
 * The audit trail: append-only, hash-chained rows of every read and change, and their verification
 * ({@link io.homeward.store.internal.audit.AuditLog}, also the {@code AuditTrail} service). Every domain appends
 * inside its own transaction, so that a change and its audit row commit or roll back together. Uses {@code db}, and
 * {@code caserecord} to check that whoever reads a case's trail may see the case.
 *
 * {@link io.homeward.store.internal.audit.PendingAudit} carries the row of a change from the service that authorizes
 * it into the transaction of the one that makes it.
 *
 * <p>Entry points: {@link io.homeward.store.internal.audit.AuditLog},
 * {@link io.homeward.store.internal.audit.PendingAudit}.
 */
package io.homeward.store.internal.audit;
