package io.homeward.store.internal.alerts;

import io.homeward.store.internal.cases.CaseServicePostgresTest;
import io.homeward.store.internal.db.Database;

/**
 * {@link AlertServiceContract} on PostgreSQL, in a schema of its own, when {@value CaseServicePostgresTest#URL_VARIABLE}
 * names a database; skipped, saying why, otherwise.
 */
class AlertServicePostgresTest extends AlertServiceContract {

    /** Creates and drops the schema the way the case store's PostgreSQL tests do. */
    private final CaseServicePostgresTest postgres = new CaseServicePostgresTest();

    @Override
    protected Database.Settings settings() {
        return postgres.settings();
    }

    @Override
    protected void cleanUp() {
        postgres.cleanUp();
    }
}
