package io.homeward.store.internal.referrals;

/** {@link ReferralsContract} on an H2 file database, as the platform runs by default. */
class ReferralsH2Test extends ReferralsContract {
}
