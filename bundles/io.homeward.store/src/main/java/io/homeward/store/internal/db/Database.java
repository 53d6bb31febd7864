package io.homeward.store.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.homeward.casemodel.HealthCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.BatchSettings;
import org.hibernate.cfg.FetchSettings;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case database: a HikariCP pool, the schema brought up to date by Flyway, and a Hibernate
 * {@link SessionFactory} over the entities it is given. The domains own their entities; the store's composition
 * root ({@code io.homeward.store.internal.StoreDatabase}) names them all and is the Declarative Services component,
 * so that this package depends on no domain. Closed on deactivation so that stopping the framework (SIGTERM) shuts
 * an H2 database down cleanly. Thread-safe.
 */
public class Database implements AutoCloseable {

    /** Framework property naming the platform's data folder; the default H2 database lives under it. */
    public static final String DATA_PROPERTY = "homeward.data";

    /** Where the migrations are, inside this bundle. */
    static final String MIGRATIONS = "io/homeward/store/migration";
    /** Where the migrations that only PostgreSQL runs are, beside the others. */
    static final String POSTGRESQL_MIGRATIONS = "io/homeward/store/migration-postgresql";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final boolean h2;
    /**
     * On H2, the one transaction running at a time (null on PostgreSQL). Every H2 commit writes the whole store as
     * it stands, other transactions' uncommitted changes included, and it may catch a change of another transaction
     * without the undo-log entry written just before it; after a crash H2 takes such a change for committed. So
     * {@code kill -9} with two writers left a case stored whose number's counter update was rolled back, and the
     * next intake got the same number (issue 12). One transaction at a time, and the compaction between them, and
     * no commit can catch another half made.
     */
    private final ReentrantLock oneAtATime;
    /** Null unless the database is an H2 file. */
    private final H2Housekeeping housekeeping;

    /**
     * Opens the database and migrates its schema; fails when either is impossible.
     *
     * @param entities every entity class of the store; they all live in the store bundle so that Hibernate's
     *     generated classes share its loader
     */
    protected Database(Settings settings, List<Class<?>> entities) {
        long start = System.nanoTime();
        h2 = settings.url().startsWith("jdbc:h2:");
        oneAtATime = h2 ? new ReentrantLock(true) : null;
        ClassLoader bundleLoader = Database.class.getClassLoader();
        // Hikari loads the driver's DataSource through the thread's context class loader first: the bundle's own
        // driver, whichever thread activates the store (a test's class path may hold another copy of H2)
        dataSource = withContextClassLoader(bundleLoader, () -> new HikariDataSource(settings.hikari()));
        try {
            // Flyway and Hibernate find their plugins and services through ServiceLoader and the thread context
            // class loader; inside OSGi that must be this bundle's loader, where their jars are embedded.
            MigrateResult migration = withContextClassLoader(bundleLoader,
                    () -> migrate(bundleLoader, settings.url().startsWith("jdbc:postgresql:")));
            long migrated = System.nanoTime();
            sessionFactory = withContextClassLoader(bundleLoader, () -> buildSessionFactory(bundleLoader, entities));
            LOG.info("Case store ready on {} {}: schema version {} ({} migrations applied), migrations {} ms, "
                    + "Hibernate {} ms", migration.database, redacted(settings.url()),
                    migration.targetSchemaVersion == null ? migration.initialSchemaVersion
                            : migration.targetSchemaVersion,
                    migration.migrationsExecuted, (migrated - start) / 1_000_000,
                    (System.nanoTime() - migrated) / 1_000_000);
            housekeeping = settings.url().startsWith("jdbc:h2:file:") ? H2Housekeeping.start(dataSource,
                    oneAtATime) : null;
        } catch (RuntimeException | Error e) {
            dataSource.close();
            throw e;
        }
    }

    private MigrateResult migrate(ClassLoader bundleLoader, boolean postgresql) {
        Flyway flyway = Flyway.configure(bundleLoader)
                .dataSource(dataSource)
                .locations(postgresql ? new String[] {"classpath:" + MIGRATIONS, "classpath:" + POSTGRESQL_MIGRATIONS}
                        : new String[] {"classpath:" + MIGRATIONS})
                .failOnMissingLocations(true)
                .load();
        if (flyway.info().all().length == 0) {
            // an empty scan would leave an empty schema and fail only at the first query
            throw new IllegalStateException("no database migrations found in " + MIGRATIONS);
        }
        return flyway.migrate();
    }

    private SessionFactory buildSessionFactory(ClassLoader bundleLoader, List<Class<?>> entities) {
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder()
                .applyClassLoader(bundleLoader)
                .build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySettings(Map.of(
                        JdbcSettings.DATASOURCE, dataSource,
                        // the pool hands out connections with auto-commit off (see Settings.hikari)
                        JdbcSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true,
                        // annotations only: without this Hibernate 7 bootstraps JAXB, which is not embedded
                        MappingSettings.XML_MAPPING_ENABLED, false,
                        // Flyway owns the schema; "validate" only reads the catalog and refuses to start when
                        // the entities and the migrations disagree
                        SchemaToolingSettings.HBM2DDL_AUTO, "validate",
                        // persons and fields of a page of search results load in a few queries, not one per case
                        FetchSettings.DEFAULT_BATCH_FETCH_SIZE, 64,
                        // where a session batches its inserts (the import), the rows of one table go together:
                        // otherwise each case and its persons alternate, and every batch holds one row
                        BatchSettings.ORDER_INSERTS, true))
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** @return whether a pooled connection answers now, and in how long; quick, never throws */
    HealthCheck.Result probe() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            String product = connection.getMetaData().getDatabaseProductName();
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new HealthCheck.Result(valid, product + (valid ? " answered in " + ms + " ms" : " did not answer"));
        } catch (SQLException e) {
            return new HealthCheck.Result(false, "no database connection: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @return what the work returned
     */
    public <T> T inTransaction(Function<Session, T> work) {
        if (oneAtATime == null) {
            return sessionFactory.fromTransaction(work);
        }
        oneAtATime.lock(); // before the connection, so that no waiting thread holds one
        try {
            return sessionFactory.fromTransaction(work);
        } finally {
            oneAtATime.unlock();
        }
    }

    /**
     * Has the database count anew what its planner chooses indexes by, for tables just filled in bulk: until
     * PostgreSQL's autovacuum gets to them (never, where it is off), it plans for the tables as they were (after
     * importing 100,000 cases a name search read every case, 23 ms, instead of the six it found, 0.25 ms). On
     * PostgreSQL a VACUUM as well: it marks the new rows visible to all in the visibility map, without which no
     * index-only scan can skip the table (a name is looked up in hw_name_key's index alone). Seconds at a million
     * rows; neither blocks reads or writes.
     */
    public void analyze(List<String> tables) {
        if (h2) {
            inTransaction(session -> {
                tables.forEach(table -> session.createNativeMutationQuery("ANALYZE TABLE " + table).executeUpdate());
                return null;
            });
            return;
        }
        // VACUUM cannot run inside a transaction: a connection of its own, in auto-commit
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : tables) {
                statement.execute("VACUUM (ANALYZE) " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the statistics of " + tables + " anew", e);
        }
    }

    /** Closes the session factory and the pool; with H2, closing the last connection closes the database. */
    @Override
    public void close() {
        try {
            if (housekeeping != null) {
                housekeeping.close();
            }
            sessionFactory.close();
        } finally {
            dataSource.close();
            LOG.info("Case store closed");
        }
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @return the URL without its query, where PostgreSQL URLs may carry a password */
    public static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * Where the database is and how to connect.
     *
     * @param url JDBC URL, never blank
     * @param user may be empty (then the URL or the driver decides)
     * @param password may be empty
     * @param poolSize most connections open at once, at least 1
     */
    public record Settings(String url, String user, String password, int poolSize) {

        public Settings {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("a database URL is required");
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("the pool size must be at least 1, was " + poolSize);
            }
            url = durable(url.trim());
            user = user == null ? "" : user;
            password = password == null ? "" : password;
        }

        /**
         * @param dataFolder the {@value Database#DATA_PROPERTY} framework property, or null for {@code ./data}
         * @return the configured database, or the H2 file database {@code <data>/db/homeward}
         */
        public static Settings of(StoreConfiguration config, String dataFolder) {
            String url = config.url();
            if (url == null || url.isBlank()) {
                Path file = Path.of(dataFolder == null || dataFolder.isBlank() ? "data" : dataFolder, "db", "homeward");
                url = "jdbc:h2:file:" + file.toAbsolutePath().normalize();
            }
            return new Settings(url, config.user(), config._password(), config.poolSize());
        }

        /**
         * Makes an H2 file database keep what it acknowledged. By default H2 (MVStore) writes committed
         * changes to its file from a background thread up to WRITE_DELAY (500 ms) later, so {@code kill -9}
         * loses the last commits; with WRITE_DELAY=0 every commit is written to the file before it returns
         * (into the OS cache: that survives the process being killed, though not a power cut, which needs
         * PostgreSQL). DB_CLOSE_ON_EXIT=FALSE stops H2's own shutdown hook from closing the database under the
         * framework while it is still stopping: {@link Database#close()} closes it in order. LOCK_TIMEOUT lets
         * concurrent intakes queue for a center's number counter instead of failing after H2's default of 1 s.
         * Settings the URL already names are left as they are.
         */
        static String durable(String url) {
            if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
                return url;
            }
            StringBuilder result = new StringBuilder(url);
            String upper = url.toUpperCase(Locale.ROOT);
            for (String setting : List.of("WRITE_DELAY=0", "DB_CLOSE_ON_EXIT=FALSE", "LOCK_TIMEOUT=10000")) {
                if (!upper.contains(";" + setting.substring(0, setting.indexOf('=') + 1))) {
                    result.append(';').append(setting);
                }
            }
            return result.toString();
        }

        /** Never shows the password: settings end up in log messages and assertion failures. */
        @Override
        public String toString() {
            return "Settings[url=" + redacted(url) + ", user=" + user + ", poolSize=" + poolSize + "]";
        }

        HikariConfig hikari() {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("homeward-store");
            // The embedded drivers' DataSources, named by class: DriverManager only finds drivers that the
            // system class loader or a caller's loader has already registered, which inside OSGi is none of them.
            if (url.startsWith("jdbc:h2:")) {
                hikari.setDataSourceClassName("org.h2.jdbcx.JdbcDataSource");
                hikari.addDataSourceProperty("URL", url);
            } else if (url.startsWith("jdbc:postgresql:")) {
                hikari.setDataSourceClassName("org.postgresql.ds.PGSimpleDataSource");
                hikari.addDataSourceProperty("url", url);
            } else {
                hikari.setJdbcUrl(url);
            }
            if (!user.isEmpty()) {
                hikari.setUsername(user);
            }
            if (!password.isEmpty()) {
                hikari.setPassword(password);
            }
            hikari.setMaximumPoolSize(poolSize);
            hikari.setAutoCommit(false);
            // a request (or /health) waits at most this long for a connection before it fails with a clear error
            hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
            return hikari;
        }
    }
}
