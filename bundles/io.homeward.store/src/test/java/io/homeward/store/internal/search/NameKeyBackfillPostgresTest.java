package io.homeward.store.internal.search;

/**
 * {@link NameKeyBackfillContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names
 * a database; skipped, saying why, otherwise. Here the two concurrent backfills really are two sessions waiting on
 * each other's row locks, as two nodes would.
 */
class NameKeyBackfillPostgresTest extends NameKeyBackfillContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
