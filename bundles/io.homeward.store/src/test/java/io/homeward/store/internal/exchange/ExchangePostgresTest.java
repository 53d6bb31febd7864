package io.homeward.store.internal.exchange;

/**
 * {@link ExchangeContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class ExchangePostgresTest extends ExchangeContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
