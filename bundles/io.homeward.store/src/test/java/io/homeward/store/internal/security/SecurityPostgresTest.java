package io.homeward.store.internal.security;

/**
 * {@link SecurityContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class SecurityPostgresTest extends SecurityContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
