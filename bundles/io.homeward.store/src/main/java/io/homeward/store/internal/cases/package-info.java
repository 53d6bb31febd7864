/**
 * Cases: intake and its routing to a center, case numbers, search and statistics, fields, assignment, workflow
 * actions, persons, notes, attachments (typed by their content) and SLA escalation.
 * {@link io.homeward.store.internal.cases.CaseServiceImpl} applies the rules the centers declare, without
 * authorization; {@link io.homeward.store.internal.cases.AuthorizedCaseService} is the {@code CaseService} that other
 * bundles get, with authorization and audit. Uses {@code db}, {@code caserecord}, {@code audit} and {@code security}.
 *
 * <p>Entry points for the domains built on a case: {@link io.homeward.store.internal.cases.CaseServiceImpl} (find,
 * open, attachment content, the locked-case and transaction helpers every change of a case runs through, and the
 * intake checks and case numbering with which the bulk import stores many cases per transaction), and
 * {@link io.homeward.store.internal.cases.AttachmentEntity} and
 * {@link io.homeward.store.internal.cases.AttachmentContentEntity}, read inside another domain's transaction.
 */
package io.homeward.store.internal.cases;
