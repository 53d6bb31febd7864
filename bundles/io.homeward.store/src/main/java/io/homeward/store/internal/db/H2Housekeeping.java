package io.homeward.store.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does for an H2 file database what H2's own background writer would, had {@link Database.Settings#durable} not
 * turned it off. With WRITE_DELAY=0 every commit is written to the file as a new chunk before it returns, but H2
 * then runs no background thread, and nothing ever rewrites the chunks whose pages later commits replaced: a chunk
 * with one live page left keeps all its space. The file grew by about 50-100 KB per commit without bound (a
 * 200,000-case import: 10.8 GB for some 800 MB of data). Every second this rewrites the live pages of the sparsest
 * chunks into the next one ({@link MVStore#compact}, at the fill rate H2's own housekeeping uses under load); H2
 * reuses a chunk's space once its retention time (45 s) has passed, the margin that lets a crash recover from the
 * file as it was. So the file levels off at what 1-2 minutes of writing take, and is reused from then on.
 */
final class H2Housekeeping implements AutoCloseable {

    /** H2's own target under load: its auto-compact fill rate (90 %) squared. */
    private static final int TARGET_FILL_RATE = 81;
    /** At most this much rewritten per run, so that a commit never waits long behind it. */
    private static final int WRITE_LIMIT = 16 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);

    private final ScheduledExecutorService scheduler;

    /** @param transactions held while compacting: a compaction writes the store as a commit does */
    private H2Housekeeping(MVStore store, Lock transactions) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "homeward-h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            transactions.lock();
            try {
                compact(store);
            } finally {
                transactions.unlock();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * @return the housekeeping of the H2 file database behind the data source, or null when its store cannot be
     *     reached: then the file grows, which is said in the log, but the database serves
     */
    static H2Housekeeping start(DataSource dataSource, Lock transactions) {
        try (Connection connection = dataSource.getConnection()) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return new H2Housekeeping(session.getDatabase().getStore().getMvStore(), transactions);
        } catch (SQLException | RuntimeException e) {
            LOG.error("The H2 database file will not be compacted and grows with every commit: {}", e.toString());
            return null;
        }
    }

    private static void compact(MVStore store) {
        try {
            if (!store.isClosed()) {
                store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failure here never fails a request
            LOG.warn("H2 housekeeping failed: {}", e.toString());
        }
    }

    /** Stops the housekeeping, waiting for a run in progress, before the database closes. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
