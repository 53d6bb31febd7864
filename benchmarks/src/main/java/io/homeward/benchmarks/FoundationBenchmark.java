package io.homeward.benchmarks;

import io.homeward.itests.ApiClient;
import io.homeward.itests.HomewardInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures of the foundation, each the median of {@code runs} runs and printed beside its baseline:
 * <ol>
 * <li>cold boot of the Child Focus deployment to {@code GET /health} 200 (fresh data folder each run);</li>
 * <li>case intake through the {@code CaseService} (the probe bundle, inside the framework), beside raw JDBC
 * inserts of the same rows into the same H2 database file — one transaction per case, like intake, and in
 * batches of 100 per transaction.</li>
 * </ol>
 * Not a test: it asserts nothing about speed. Run with {@code benchmarks/run}.
 */
public final class FoundationBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 5);
    static final int CASES = Integer.getInteger("cases", 2000);
    static final int THREADS = Integer.getInteger("threads", 2);
    private static final int BATCH = 100;
    /** The settings the store opens its H2 file with (io.homeward.store.internal.db.Database). */
    private static final String H2_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    private static final Pattern RATE = Pattern.compile("failures=(\\d+) seconds=\\S+ rate=(\\S+)");

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("homeward-bench");
        System.out.printf(Locale.ROOT, "Homeward foundation benchmark: %d runs, %d cases per intake run, %d threads, %d cores%n%n",
                RUNS, CASES, THREADS, Runtime.getRuntime().availableProcessors());

        List<Double> boots = new ArrayList<>();
        List<Double> service = new ArrayList<>();
        List<Double> jdbcPerCase = new ArrayList<>();
        List<Double> jdbcBatched = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            HomewardInstance homeward = HomewardInstance.layOut(work.resolve("run" + run));
            homeward.deploy(HomewardInstance.probeBundle());
            boots.add(coldBoot(homeward));
            service.add(serviceIntake(homeward));
            homeward.stop();
            Path database = homeward.data.resolve("db/homeward");
            jdbcPerCase.add(rawJdbc(database, 1));
            jdbcBatched.add(rawJdbc(database, BATCH));
            System.out.printf(Locale.ROOT, "run %d: boot %.2f s, service %.0f cases/s, JDBC %.0f cases/s (1/tx), %.0f cases/s (%d/tx)%n",
                    run, boots.get(run - 1), service.get(run - 1), jdbcPerCase.get(run - 1), jdbcBatched.get(run - 1), BATCH);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "cold boot to /health 200 (child-focus):    median %.2f s%n", median(boots));
        System.out.printf(Locale.ROOT, "case intake via CaseService (%d threads):  median %.0f cases/s%n", THREADS, median(service));
        System.out.printf(Locale.ROOT, "  baseline raw JDBC, 1 case per tx:        median %.0f cases/s%n", median(jdbcPerCase));
        System.out.printf(Locale.ROOT, "  baseline raw JDBC, %d cases per tx:     median %.0f cases/s%n", BATCH, median(jdbcBatched));
    }

    /** Seconds from launching {@code bin/homeward run} to the first 200 from {@code /health}. */
    static double coldBoot(HomewardInstance homeward) throws Exception {
        long start = System.nanoTime();
        homeward.start("--features", "child-focus");
        ApiClient api = new ApiClient(homeward);
        HomewardInstance.awaitCondition("/health 200", Duration.ofMinutes(3), () -> {
            try {
                return api.get("/health").status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /** Cases per second opened through the CaseService by the probe bundle. */
    static double serviceIntake(HomewardInstance homeward) {
        String[] output = new String[1];
        // the probe is deployed from deploy/ shortly after boot
        HomewardInstance.awaitCondition("the probe", Duration.ofMinutes(1), () -> {
            HomewardInstance.Result r = homeward.client("probe:bench", "child-focus", "runaway", Integer.toString(CASES),
                    Integer.toString(THREADS));
            output[0] = r.output();
            return r.status() == 0;
        });
        Matcher m = RATE.matcher(output[0]);
        if (!m.find() || !m.group(1).equals("0")) {
            throw new IllegalStateException("service intake failed: " + output[0]);
        }
        return Double.parseDouble(m.group(2));
    }

    /**
     * Cases per second written with plain JDBC into the store's own tables: a case row, its child and its
     * OPENED event — the rows intake writes — committing every {@code perTransaction} cases.
     */
    static double rawJdbc(Path database, int perTransaction) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database + H2_SETTINGS, "", "")) {
            c.setAutoCommit(false);
            String prefix = "JDBC-" + perTransaction + "-";
            long start = System.nanoTime();
            try (PreparedStatement kase = c.prepareStatement("INSERT INTO hw_case (id, case_number, center_id, country, case_type,"
                    + " category, workflow_id, workflow_version, status, risk_level, risk_reason, risk_assessed_by,"
                    + " risk_assessed_at, opened_at, event_count, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement person = c.prepareStatement("INSERT INTO hw_person (id, case_id, ordinal, person_role,"
                            + " family_name, given_name, sex, date_of_birth, version) VALUES (?,?,?,?,?,?,?,?,?)");
                    PreparedStatement event = c.prepareStatement("INSERT INTO hw_timeline_event (id, case_id, event_index,"
                            + " occurred_at, actor, kind, to_status, note) VALUES (?,?,?,?,?,?,?,?)")) {
                for (int i = 1; i <= CASES; i++) {
                    UUID id = UUID.randomUUID();
                    Timestamp now = Timestamp.from(Instant.now());
                    Object[] caseRow = {id, prefix + i, "child-focus", "BE", "RUNAWAY", "runaway", "disappearance", 1,
                            "reported", "HIGH", "benchmark", "bench", now, now, 1, 0L};
                    bind(kase, caseRow);
                    bind(person, UUID.randomUUID(), id, 0, "CHILD", "Bench", "Child", "FEMALE", java.sql.Date.valueOf("2011-05-17"), 0L);
                    bind(event, UUID.randomUUID(), id, 0, now, "bench", "OPENED", "reported", "benchmark");
                    if (i % perTransaction == 0 || i == CASES) {
                        kase.executeBatch();
                        person.executeBatch();
                        event.executeBatch();
                        c.commit();
                    }
                }
            }
            return CASES / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    /** The median of the figures of several runs. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
