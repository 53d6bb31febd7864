package io.homeward.store.internal.referrals;

/**
 * {@link ReferralsContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class ReferralsPostgresTest extends ReferralsContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
