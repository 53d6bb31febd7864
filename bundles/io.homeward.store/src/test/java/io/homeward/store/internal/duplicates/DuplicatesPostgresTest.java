package io.homeward.store.internal.duplicates;

/**
 * {@link DuplicatesContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class DuplicatesPostgresTest extends DuplicatesContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
