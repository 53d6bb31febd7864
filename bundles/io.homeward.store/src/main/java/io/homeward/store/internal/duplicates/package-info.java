/**
 * Possible duplicates: "do we already know this child?" ({@link
 * io.homeward.store.internal.duplicates.DuplicateServiceImpl}, the {@code DuplicateService}). Proposes the cases
 * whose children may be the one being typed at intake or the one of a case — found by the case search itself, so
 * that its visibility rule is the only one — and records what staff decide about two cases (same child, or not the
 * same) in table {@code hw_case_link}, on both timelines and in the audit trail, undoable with a reason.
 *
 * <p>Uses {@code db}, {@code caserecord} (visibility, the row lock and side timeline, field rules), {@code audit}
 * and {@code cases} (its search and transaction helper). Nothing uses it: it has no entry points.
 */
package io.homeward.store.internal.duplicates;
