/**
 * Documents made from API values, for people and other systems: today the police referral pack as PDF
 * ({@link io.homeward.render.internal.ReferralPdfRenderer}, the
 * {@link io.homeward.casemodel.referral.ReferralRenderer} service the store calls). The bundle exports nothing and
 * may use only the case-model API ({@code io.homeward.casemodel.*}), its embedded PDFBox and the JDK: no database,
 * no web, no center plugins. It renders what it is given, so authorization and the audit trail stay with the
 * caller. A new document type is a new component here, behind a service interface in the API.
 */
package io.homeward.render.internal;
