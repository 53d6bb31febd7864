/**
 * Police referral packs: the INTERPOL Yellow Notice check of a case's missing child
 * ({@link io.homeward.store.internal.referrals.YellowNotice}), the packs sent to police agencies and their steps
 * ({@link io.homeward.store.internal.referrals.ReferralServiceImpl}, the {@code ReferralService}, with authorization and
 * audit). Uses {@code db}, {@code caserecord}, {@code audit} and {@code cases}. No other domain uses it.
 */
package io.homeward.store.internal.referrals;
