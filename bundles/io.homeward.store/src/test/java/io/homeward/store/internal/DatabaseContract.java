package io.homeward.store.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.homeward.store.internal.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Base of the contract tests that run against a real database: an H2 file database in a temporary folder, as the
 * platform runs by default, or — in the {@code *PostgresTest} variants, which override {@link #onPostgres()} —
 * PostgreSQL when {@value #POSTGRES_URL_VARIABLE} names a database (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), in a schema of its own that is dropped afterwards, so
 * runs never see each other's rows. One database per class; {@link #emptyTables} gives each test a clean start. When
 * the database is not available every test is reported as skipped, with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseContract {

    public static final String POSTGRES_URL_VARIABLE = "HOMEWARD_TEST_POSTGRES_URL";

    protected Database database;
    private TestAbortedException unavailable;
    private Path h2Folder;
    private final String postgresSchema = "homeward_test_" + UUID.randomUUID().toString().replace("-", "");
    private boolean postgresSchemaCreated;

    /** @return true to run on PostgreSQL instead of H2 */
    protected boolean onPostgres() {
        return false;
    }

    /**
     * @return how to reach the database under test, the same database on every call; aborts the class with a
     *     failed assumption when that database is not available here
     */
    protected final Database.Settings settings() {
        return onPostgres() ? postgres() : h2();
    }

    private Database.Settings h2() {
        try {
            if (h2Folder == null) {
                h2Folder = Files.createTempDirectory("homeward-store-test");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Database.Settings("jdbc:h2:file:" + h2Folder.resolve("db/homeward"), "", "", 4);
    }

    private Database.Settings postgres() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (!postgresSchemaCreated) {
            assumeTrue(url != null && !url.isBlank(),
                    POSTGRES_URL_VARIABLE + " is not set: the PostgreSQL store tests are skipped");
            executeOnPostgres("CREATE SCHEMA " + postgresSchema);
            postgresSchemaCreated = true;
        }
        return new Database.Settings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema, "",
                "", 4);
    }

    private void executeOnPostgres(String sql) {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + Database.redacted(url), e);
        }
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
    void closeDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
        if (postgresSchemaCreated) {
            executeOnPostgres("DROP SCHEMA " + postgresSchema + " CASCADE");
        }
        if (h2Folder != null) {
            try (Stream<Path> files = Files.walk(h2Folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
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
