package io.homeward.store.internal.alerts;

/**
 * {@link AlertServiceContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class AlertServicePostgresTest extends AlertServiceContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
