/**
 * Police referral packs: the {@link io.homeward.casemodel.referral.ReferralService} checks a case's missing child
 * against the INTERPOL Yellow Notice minimum identifiers, lists what is missing, records the pack sent to a police
 * agency and tracks it from {@link io.homeward.casemodel.referral.ReferralStatus#SENT SENT} to
 * {@link io.homeward.casemodel.referral.ReferralStatus#ACTED_ON ACTED_ON}. The store enforces authorization, center
 * scoping and the audit trail on every call, as for {@link io.homeward.casemodel.CaseService}. A
 * {@link io.homeward.casemodel.referral.ReferralRenderer} turns a referral into the document sent to the police
 * (since 1.1.0).
 */
@Version("1.1.0")
package io.homeward.casemodel.referral;

import org.osgi.annotation.versioning.Version;
