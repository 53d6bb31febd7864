package io.homeward.benchmarks;

import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The import's baseline: plain JDBC inserts of the rows the import writes per case (the case, its child, six name
 * keys, the OPENED event, two fields, the import row and an audit row of the import's size), in batches of the same
 * size per transaction, with time-ordered case and person ids as the import makes them, into a database of the same
 * schema. No checks, no name keys to compute, no Hibernate: what the database itself takes to store the rows.
 */
final class RawImportBaseline {

    private static final String DETAIL = "x".repeat(700);
    private static final String HASH = "0".repeat(64);

    private RawImportBaseline() {
    }

    /** @return cases per second */
    static double run(Database.Settings settings, int cases, int batch) {
        try (StoreDatabase database = new StoreDatabase(settings)) {
            Random random = new Random(7);
            long start = System.nanoTime();
            for (int from = 1; from <= cases; from += batch) {
                int first = from;
                int last = Math.min(cases, from + batch - 1);
                database.inTransaction(session -> {
                    session.doWork(connection -> insert(connection, first, last, random));
                    return null;
                });
            }
            return cases / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void insert(Connection c, int first, int last, Random random) throws SQLException {
        try (PreparedStatement kase = c.prepareStatement("INSERT INTO hw_case (id, case_number, center_id, country,"
                + " case_type, category, workflow_id, workflow_version, status, risk_level, risk_reason,"
                + " risk_assessed_by, risk_assessed_at, opened_at, closed_at, event_count, version)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                PreparedStatement person = c.prepareStatement("INSERT INTO hw_person (id, case_id, ordinal,"
                        + " person_role, family_name, given_name, sex, date_of_birth, name_keys, version)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?)");
                PreparedStatement key = c.prepareStatement("INSERT INTO hw_name_key (person_id, word, name_key,"
                        + " case_id) VALUES (?,?,?,?)");
                PreparedStatement event = c.prepareStatement("INSERT INTO hw_timeline_event (id, case_id,"
                        + " event_index, occurred_at, actor, kind, to_status, note) VALUES (?,?,?,?,?,?,?,?)");
                PreparedStatement field = c.prepareStatement("INSERT INTO hw_case_field (case_id, field_id,"
                        + " field_value) VALUES (?,?,?)");
                PreparedStatement imported = c.prepareStatement("INSERT INTO hw_case_import (center_id,"
                        + " external_reference, case_id, imported_at, run_id, line_number) VALUES (?,?,?,?,?,?)");
                PreparedStatement audit = c.prepareStatement("INSERT INTO hw_audit (seq, occurred_at, actor, action,"
                        + " case_id, detail, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?)")) {
            UUID run = UUID.randomUUID();
            for (int i = first; i <= last; i++) {
                UUID id = timeOrdered(random);
                UUID personId = timeOrdered(random);
                OffsetDateTime opened = OffsetDateTime.of(2010 + random.nextInt(16), 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24), 0, 0, 0, ZoneOffset.UTC);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                bind(kase, id, "RAW-" + COUNTRIES.get(i % COUNTRIES.size()) + "-" + opened.getYear() + "-" + i,
                        "bench-hub", COUNTRIES.get(i % COUNTRIES.size()), "RUNAWAY", "runaway", "hub-case", 1,
                        "closed", "HIGH", "reported by the police", "benchmark", opened, opened, opened, 1, 0L);
                bind(person, personId, id, 0, "CHILD", "Family" + random.nextInt(20_000), "Given" + random.nextInt(40),
                        "FEMALE", java.sql.Date.valueOf(opened.toLocalDate().minusYears(10)), 1, 0L);
                for (int k = 0; k < 6; k++) {
                    bind(key, personId, k / 3, (k % 3 == 2 ? "#" : "") + word(random), id);
                }
                bind(event, UUID.randomUUID(), id, 0, opened, "benchmark", "OPENED", "closed", "risk HIGH: reported"
                        + " by the police; imported from legacy record LEGACY-" + i + " (legacy.jsonl, line " + i + ")");
                bind(field, id, "reporting-authority", "police");
                bind(field, id, "authority-reference", "NA-" + i);
                bind(imported, "bench-hub", "LEGACY-" + i, id, now, run, i);
                bind(audit, (long) i, now, "benchmark", "CASE_IMPORTED", id, DETAIL, HASH, HASH);
            }
            for (PreparedStatement statement : List.of(kase, person, key, event, field, imported, audit)) {
                statement.executeBatch();
            }
        }
    }

    private static final List<String> COUNTRIES = List.of("GR", "RS", "BG", "UA", "MD", "RO", "AL", "HR");

    private static String word(Random random) {
        char[] letters = new char[6 + random.nextInt(5)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    /** A version 7 UUID, as the import makes them: time first, so that consecutive ids sort together. */
    private static UUID timeOrdered(Random random) {
        return new UUID(System.currentTimeMillis() << 16 | 0x7000L | random.nextInt(0x1000),
                random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L);
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }
}
