/**
 * Bulk import of a center's legacy records: a file of JSON lines, each the intake of one case plus the facts an old
 * record has (its reference in the legacy system, when it was opened and closed, the state it is in), checked exactly
 * as an intake is and stored in batches with everything a case has: persons and their name keys, a number of the
 * center's scheme, timeline, audit row ({@link io.homeward.store.internal.imports.CaseImporter}); resumable, as each
 * record's reference is unique per center ({@link io.homeward.store.internal.imports.CaseImportEntity}, table
 * {@code hw_case_import}); run by the Gogo command {@code cases:import}
 * ({@link io.homeward.store.internal.imports.ImportCommands}). docs/import.md describes the format.
 *
 * <p>Uses {@code db}, {@code caserecord}, {@code audit} ({@code AuditLog}), {@code security} (the console subject) and
 * {@code cases}: {@code CaseServiceImpl}'s intake checks and case numbers, so that an imported case is checked and
 * numbered like any other. No other domain uses it.
 */
package io.homeward.store.internal.imports;
