package io.homeward.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeward.store.internal.DatabaseContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrations only PostgreSQL runs ({@code migration-postgresql}) are applied on PostgreSQL, when
 * {@code HOMEWARD_TEST_POSTGRES_URL} names a database; skipped, saying why, otherwise.
 */
class PostgresOnlyMigrationsTest extends DatabaseContract {

    @Override
    protected boolean onPostgres() {
        return true;
    }

    @Test
    void nameKeysAreSampledWidelyEnoughForThePlannerToEstimateASearch() {
        emptyTables(List.of());
        int target = database.inTransaction(session -> session.createNativeQuery(
                        "select cast(attstattarget as integer) from pg_attribute"
                                + " where attrelid = 'hw_name_key'::regclass and attname = 'name_key'", Integer.class)
                .getSingleResult());
        assertEquals(2000, target);
    }
}
