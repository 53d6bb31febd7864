package io.homeward.store.internal.cases;

/**
 * {@link CaseServiceContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class CaseServicePostgresTest extends CaseServiceContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
