package io.homeward.store.internal.search;

import io.homeward.casemodel.HealthCheck;
import io.homeward.store.internal.caserecord.NameKeyEntity;
import io.homeward.store.internal.caserecord.NameKeys;
import io.homeward.store.internal.db.Database;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the name keys ({@code hw_name_key}, see {@link NameKeys}) of every person that has none, or has keys of
 * another {@link NameKeys#VERSION}: the persons stored before migration V10 (every existing deployment), which search
 * cannot find until they have keys. New intakes and added persons get theirs with the person; this job catches up
 * with the rest, on a background thread of its own started on activation.
 *
 * <p><b>Batches.</b> The persons are worked in id order, {@value #BATCH} per transaction. Each batch reads the next
 * persons after the last id of the batch before (keyset paging, along the primary key's index), so that no
 * transaction is long, no query returns more than one batch (the count at the start returns a number), and no more
 * than one batch is in memory. A restart's first batch scans past the persons done before, once. Progress goes to
 * the log at most every {@value #LOG_SECONDS} seconds: persons done and to do, the percentage and the rate; never a
 * name or anything else about a person.
 *
 * <p><b>Restarts.</b> The progress is the data itself: a person whose {@code name_keys} column holds
 * {@link NameKeys#VERSION} is done. A committed batch stays done; a batch under way when the process is killed rolls
 * back whole. Every start counts what is left and continues with it, so a job interrupted by a kill, a bundle stop or
 * a restart resumes where it stopped. Deactivation stops the thread between two batches and waits for it briefly.
 * A failed batch (the database away, a lock timeout) is retried after a wait that doubles up to
 * {@value #RETRY_MAX_SECONDS} s.
 *
 * <p><b>Several nodes.</b> Every node runs the job at start on the shared database. A batch reads the ids of its
 * next persons without a lock, then selects those persons {@code FOR UPDATE}, in id order, with the condition again
 * (one statement would do on PostgreSQL, but H2 locks every row that such a statement scans, to the end of the table).
 * So two nodes never work on one person at the same time: a node that reaches a person locked by another waits until
 * that batch commits, then reads the row anew and passes over it, its keys being made. The rewrite under the lock is idempotent besides: it deletes the person's rows in {@code hw_name_key}, inserts
 * the rows {@link NameKeys#rows} makes now and sets {@code name_keys}, so a node that does a person again (a database
 * that does not re-read a locked row, a node whose rules are of another version) writes whole, correct rows, never
 * half of them. Without the lock, two nodes could both find a person without keys and both insert its rows; the
 * second insert would wait for the first transaction and then fail on the primary key. Every node locks in id order,
 * so the nodes cannot deadlock each other; staff never lock an existing person (persons are not changed once stored,
 * and new ones come with their keys), so the job and their work do not wait on each other. The job changes no
 * version, neither the person's nor the case's: keys are derived from the names, nothing staff base a change on.
 *
 * <p><b>Health.</b> Registered as a {@link HealthCheck} that reports the progress ({@code name keys: 12,000 of 40,000
 * persons left}) and is always healthy. A large center's backfill can take hours, and a readiness check that waited
 * for it would keep the whole platform out of service meanwhile, though everything works: intake, cases, alerts, and
 * search, which finds every person that has keys. The persons still without keys are the one thing missing, and the
 * detail says how many. With several nodes each counts its own batches, so the number left is an upper bound.
 *
 * <p>A limit: persons stored after this node's pass went by without keys of this version (by a node still running
 * older code during a rolling upgrade) get them at the next start of an upgraded node.
 */
// immediate: the backfill runs from the start, whether or not anything asks for the health check
@Component(service = HealthCheck.class, immediate = true)
public final class NameKeyBackfill implements HealthCheck {

    /** Persons per transaction: a few hundred ms of work, a few thousand rows written. */
    static final int BATCH = 1_000;

    private static final long LOG_SECONDS = 5;
    private static final long RETRY_FIRST_SECONDS = 10;
    private static final long RETRY_MAX_SECONDS = 600;
    /** How long deactivation waits for a batch under way; it rolls back if the database closes under it. */
    private static final long STOP_WAIT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(NameKeyBackfill.class);

    private final Database database;
    /** Persons per transaction of the background thread. */
    private final int batchSize;
    /** Counted down on deactivation; the thread checks it between batches and waits on it between retries. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Null in tests, which call {@link #runBatches} themselves. */
    private final Thread thread;

    // what check() reports, from any thread
    private final AtomicLong done = new AtomicLong();
    /** Persons to do since this instance started: those done plus those left at the last count; -1 before it. */
    private volatile long toDo = -1;
    private volatile boolean finished;
    /** The kind of the last failure while it is being retried, else null. */
    private volatile String failure;

    /** Starts the backfill on a thread of its own. */
    @Activate
    public NameKeyBackfill(@Reference Database database) {
        this(database, BATCH, true);
    }

    /**
     * @param batchSize persons per transaction of the background thread
     * @param background false for tests, which call {@link #runBatches}
     */
    NameKeyBackfill(Database database, int batchSize, boolean background) {
        this.database = database;
        this.batchSize = batchSize;
        if (!background) {
            thread = null;
            return;
        }
        thread = new Thread(this::work, "homeward-name-key-backfill");
        // never holds the JVM up: a batch cut short rolls back and the next start does it again
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread between two batches and waits briefly for it; the next start continues. */
    @Deactivate
    void stop() throws InterruptedException {
        stopping.countDown();
        if (thread != null) {
            thread.join(STOP_WAIT_MS);
            if (thread.isAlive()) {
                LOG.warn("Name keys: the backfill is still in a batch after {} ms; that batch commits or rolls back "
                        + "whole and the thread ends", STOP_WAIT_MS);
            }
        }
    }

    /** @return whether the background thread is alive; false in tests without one */
    boolean running() {
        return thread != null && thread.isAlive();
    }

    /** @return how many persons this instance gave keys, on its thread or in {@link #runBatches} */
    long done() {
        return done.get();
    }

    @Override
    public String name() {
        return "name-keys";
    }

    /** Always healthy, see the class comment; the detail says how far the backfill is. */
    @Override
    public Result check() {
        long total = toDo;
        if (finished) {
            return new Result(true, "name keys: every person has keys of version " + NameKeys.VERSION);
        }
        if (total < 0) {
            return new Result(true, "name keys: counting the persons without keys");
        }
        String left = String.format(Locale.ROOT, "name keys: %,d of %,d persons left",
                Math.max(0, total - done.get()), total);
        String failed = failure;
        if (failed != null) {
            return new Result(true, left + "; the last batch failed (" + failed + "), retrying");
        }
        return new Result(true, thread != null && !thread.isAlive() ? left + "; stopped, the next start continues"
                : left);
    }

    /** The thread: the whole backfill, retried after a failure until it finishes or is stopped. */
    private void work() {
        long retrySeconds = RETRY_FIRST_SECONDS;
        while (!stopped()) {
            try {
                runBatches(batchSize, Integer.MAX_VALUE);
                return;
            } catch (RuntimeException e) {
                if (stopped()) {
                    LOG.info("Name keys: stopped during a batch ({}); the next start continues", kind(e));
                    return;
                }
                // the database's message may quote names: the kind of failure only
                failure = kind(e);
                LOG.error("Name keys: a batch failed ({}) and rolled back; trying again in {} s", failure,
                        retrySeconds);
                try {
                    if (stopping.await(retrySeconds, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retrySeconds = Math.min(retrySeconds * 2, RETRY_MAX_SECONDS);
            }
        }
    }

    /**
     * Counts the persons left, then makes the keys of up to {@code maxBatches} batches of them, one transaction each,
     * from the lowest id up; stops early at the end or when deactivated. Safe to run on several threads or nodes at
     * once (see the class comment).
     *
     * @param batchSize persons per transaction, at least 1
     * @param maxBatches most batches to run, at least 1
     * @return how many persons got keys
     * @throws RuntimeException when a batch fails; the batches before it stay done
     */
    int runBatches(int batchSize, int maxBatches) {
        long left = database.inTransaction(session -> session.createNativeQuery("select count(*) from hw_person"
                + " where name_keys is null or name_keys <> :version", Long.class)
                .setParameter("version", NameKeys.VERSION).getSingleResult());
        long doneBefore = done.get();
        toDo = doneBefore + left;
        if (left == 0) {
            finished = true;
            return 0;
        }
        LOG.info("Name keys: {} persons need keys of version {}; making them in the background, {} per transaction",
                left, NameKeys.VERSION, batchSize);
        long start = System.nanoTime();
        long logged = start;
        UUID after = null;
        int made = 0;
        for (int i = 0; i < maxBatches && !stopped(); i++) {
            UUID from = after;
            Batch batch = database.inTransaction(session -> batch(session, from, batchSize));
            failure = null;
            made += batch.persons();
            done.addAndGet(batch.persons());
            after = batch.last();
            if (batch.found() < batchSize) {
                // no person without keys is left after this batch's last id
                finished = true;
                break;
            }
            long now = System.nanoTime();
            if (now - logged >= TimeUnit.SECONDS.toNanos(LOG_SECONDS)) {
                logged = now;
                LOG.info("Name keys: {} of {} persons done ({}%), {} persons/s", made, left, made * 100 / left,
                        perSecond(made, now - start));
            }
        }
        long elapsed = System.nanoTime() - start;
        if (finished) {
            LOG.info("Name keys: made for {} persons in {} s ({} persons/s); every person has keys of version {}",
                    made, TimeUnit.NANOSECONDS.toSeconds(elapsed), perSecond(made, elapsed), NameKeys.VERSION);
        } else {
            LOG.info("Name keys: {} of {} persons done, {} persons/s; the next start continues", made, left,
                    perSecond(made, elapsed));
        }
        return made;
    }

    /**
     * One batch, in the caller's transaction: finds the next persons without keys of this version, in id order,
     * locks them and rewrites their keys.
     *
     * @param after the last id of the batch before, null for the first
     */
    private static Batch batch(Session session, UUID after, int size) {
        // First the ids, without a lock, so that the primary key's index yields them in order and the scan stops at
        // the batch's size: with FOR UPDATE in this query H2 would lock, and wait for, every row it scans.
        NativeQuery<UUID> next = session.createNativeQuery("select id from hw_person"
                + " where (name_keys is null or name_keys <> :version)" + (after == null ? "" : " and id > :after")
                + " order by id fetch first :size rows only", UUID.class)
                .setParameter("version", NameKeys.VERSION).setParameter("size", size);
        if (after != null) {
            next.setParameter("after", after);
        }
        List<UUID> candidates = next.getResultList();
        if (candidates.isEmpty()) {
            return new Batch(0, 0, after);
        }
        // Then the rows themselves, locked in id order, with the condition again: a person another node did while
        // this one waited for its lock is read anew and passed over.
        List<Object[]> persons = session.createNativeQuery("select id, case_id, family_name, given_name"
                + " from hw_person where id in (:ids) and (name_keys is null or name_keys <> :version)"
                + " order by id for update", Object[].class)
                // typed: without a type, Hibernate hands H2's UUIDs over as bytes
                .addScalar("id", UUID.class).addScalar("case_id", UUID.class)
                .addScalar("family_name", String.class).addScalar("given_name", String.class)
                .setParameterList("ids", candidates).setParameter("version", NameKeys.VERSION)
                .getResultList();
        UUID last = candidates.get(candidates.size() - 1);
        if (persons.isEmpty()) {
            return new Batch(candidates.size(), 0, last);
        }
        List<UUID> ids = new ArrayList<>(persons.size());
        for (Object[] person : persons) {
            ids.add((UUID) person[0]);
        }
        // what an earlier run or another node wrote for these persons, whole or not: replaced below
        session.createNativeMutationQuery("delete from hw_name_key where person_id in (:ids)")
                .setParameterList("ids", ids).executeUpdate();
        // one JDBC batch rather than an entity per row: about five rows a person, none of them read again here
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into hw_name_key (person_id, word, name_key, case_id, spelling)"
                            + " values (?, ?, ?, ?, ?)")) {
                for (Object[] person : persons) {
                    UUID caseId = (UUID) person[1];
                    for (NameKeyEntity row : NameKeys.rows((UUID) person[0], caseId, (String) person[2],
                            (String) person[3])) {
                        insert.setObject(1, row.personId());
                        insert.setShort(2, (short) row.word());
                        insert.setString(3, row.key());
                        insert.setObject(4, caseId);
                        insert.setString(5, row.spelling());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        });
        // persons without a name too: they are done, with no rows
        session.createNativeMutationQuery("update hw_person set name_keys = :version where id in (:ids)")
                .setParameter("version", NameKeys.VERSION).setParameterList("ids", ids).executeUpdate();
        return new Batch(candidates.size(), ids.size(), last);
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private static long perSecond(long count, long nanos) {
        return nanos <= 0 ? count : count * 1_000_000_000L / nanos;
    }

    private static String kind(RuntimeException e) {
        return e.getClass().getName() + (e instanceof JDBCException jdbc ? ", SQL state " + jdbc.getSQLState() : "");
    }

    /**
     * @param found how many persons without keys the batch found; fewer than its size at the end
     * @param persons how many of them it did (the others, another node did meanwhile)
     * @param last the highest id found, where the next batch starts; the batch before's when it found none
     */
    private record Batch(int found, int persons, UUID last) {
    }
}
