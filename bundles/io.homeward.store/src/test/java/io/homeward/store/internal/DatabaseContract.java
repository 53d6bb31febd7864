package io.homeward.store.internal;

import io.homeward.store.internal.db.Database;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Base of the contract tests that run against a real database: subclasses say which (an H2 file, or
 * PostgreSQL when the machine has one). One database per class; {@link #emptyTables} gives each test a clean
 * start. When the database is not available every test is reported as skipped, with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseContract {

    public Database database;
    private TestAbortedException unavailable;

    /**
     * @return how to reach the database under test, the same database on every call; may abort the class with
     *     a failed assumption when that database is not available here
     */
    protected abstract Database.Settings settings();

    /** Called once the tests are done and the database is closed. */
    protected void cleanUp() throws Exception {
    }

    @BeforeAll
    void openDatabase() {
        try {
            database = new StoreDatabase(settings());
        } catch (TestAbortedException e) {
            System.out.println(getClass().getSimpleName() + ": " + e.getMessage());
            unavailable = e;
        }
    }

    @AfterAll
    void closeDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
        cleanUp();
    }

    /** Deletes every row of the given tables, in that order (children first); skips the test without a database. */
    protected void emptyTables(List<String> tables) {
        if (unavailable != null) {
            throw unavailable;
        }
        database.inTransaction(session -> {
            for (String table : tables) {
                session.createNativeMutationQuery("delete from " + table).executeUpdate();
            }
            return null;
        });
    }
}
