package io.homeward.casemodel.security;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit trail: who read or changed what, and when.
 *
 * @param sequence position in the chain, from 1, without gaps
 * @param at when, never null
 * @param actor the username or the internal job, never null
 * @param action e.g. {@code CASE_READ}, {@code CASE_CHANGE}, {@code LOGIN}; never null
 * @param caseId the case concerned, or null
 * @param detail what was read, or each change as {@code name: old → new}; may name personal data, which is why
 *     the trail is only shown to those allowed to see the case
 */
public record AuditEntry(long sequence, Instant at, String actor, String action, UUID caseId, String detail) {
}
