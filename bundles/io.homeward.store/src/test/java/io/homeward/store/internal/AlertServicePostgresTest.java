package io.homeward.store.internal;

/**
 * {@link AlertServiceContract} on PostgreSQL, in a schema of its own, when {@value CaseServicePostgresTest#URL_VARIABLE}
 * names a database; skipped, saying why, otherwise.
 */
class AlertServicePostgresTest extends AlertServiceContract {

    /** Creates and drops the schema the way the case store's PostgreSQL tests do. */
    private final CaseServicePostgresTest postgres = new CaseServicePostgresTest();

    @Override
    Database.Settings settings() {
        return postgres.settings();
    }

    @Override
    void cleanUp() {
        postgres.cleanUp();
    }
}
