package io.homeward.store.internal.imports;

/**
 * {@link CaseImportContract} on PostgreSQL, in a schema of its own, when {@code HOMEWARD_TEST_POSTGRES_URL} names a
 * database; skipped, saying why, otherwise.
 */
class CaseImportPostgresTest extends CaseImportContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }
}
