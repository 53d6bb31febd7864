package io.homeward.store.internal.cases;

import io.homeward.store.internal.db.Database;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * {@link CaseServiceContract} on PostgreSQL, when {@value #URL_VARIABLE} names a database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Each run works in a schema of its own, dropped
 * afterwards, so runs never see each other's cases. Skipped, saying why, when the variable is not set.
 */
public class CaseServicePostgresTest extends CaseServiceContract {

    static final String URL_VARIABLE = "HOMEWARD_TEST_POSTGRES_URL";

    private final String url = System.getenv(URL_VARIABLE);
    private final String schema = "homeward_test_" + UUID.randomUUID().toString().replace("-", "");
    private boolean schemaCreated;

    @Override
    public Database.Settings settings() {
        if (!schemaCreated) {
            assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: the PostgreSQL store tests are skipped");
            execute("CREATE SCHEMA " + schema);
            schemaCreated = true;
        }
        return new Database.Settings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, "", "", 4);
    }

    @Override
    public void cleanUp() {
        if (schemaCreated) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + Database.redacted(url), e);
        }
    }
}
