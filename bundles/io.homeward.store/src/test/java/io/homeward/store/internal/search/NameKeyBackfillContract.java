package io.homeward.store.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.HealthCheck;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.caserecord.NameKeyEntity;
import io.homeward.store.internal.caserecord.NameKeys;
import io.homeward.store.internal.cases.CaseServiceImpl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link NameKeyBackfill} promises, against a real database: every test starts from a database as one stored
 * before migration V10 has it — persons without rows in {@code hw_name_key} and with {@code name_keys} null, a few
 * with keys of an older version and a stale key — opened through {@link CaseServiceImpl}, a few hundred persons in
 * all, among them names written in Greek, Cyrillic and Latin with diacritics, and one with no name.
 */
public abstract class NameKeyBackfillContract extends DatabaseContract {

    private static final List<String> FAMILY_NAMES = List.of("Janssens", "Peeters", "Maes", "Müller", "Dubois",
            "Nikolaou", "Popescu", "Hoxha", "Kowalski", "O'Brien");
    private static final List<String> GIVEN_NAMES = List.of("Emma", "Lotte", "Jules", "Noah", "Ana-Maria", "Arta",
            "Sofie", "Éloïse");
    private static final int CASES = 100;
    /** Each generated case has a child, a reporter and a contact; one more case has four persons. */
    private static final int PERSONS = CASES * 3 + 4;

    private CaseServiceImpl service;
    private Case foreignScripts;

    @BeforeEach
    void storeAsBeforeNameKeys() {
        emptyTables(List.of("hw_name_key", "hw_attachment_content", "hw_attachment", "hw_case_note",
                "hw_timeline_event", "hw_case_field", "hw_person", "hw_case_share", "hw_sla_timer", "hw_case",
                "hw_case_number"));
        service = new CaseServiceImpl(database, new TestCenters(), new DirectPluginCalls(),
                new TestClock(Instant.parse("2026-03-01T10:00:00Z")));
        for (int i = 0; i < CASES; i++) {
            service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.HIGH, "left a note",
                    Map.of("last-seen", "2026-02-28"), List.of(
                            person(PersonRole.CHILD, FAMILY_NAMES.get(i % 10), GIVEN_NAMES.get(i % 8)),
                            person(PersonRole.REPORTER, FAMILY_NAMES.get(i % 10), GIVEN_NAMES.get((i + 3) % 8)),
                            person(PersonRole.CONTACT, FAMILY_NAMES.get((i + 7) % 10), null))), "op1");
        }
        foreignScripts = service.open(new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.MEDIUM, "lost at the fair",
                Map.of(), List.of(person(PersonRole.CHILD, "Παπαδοπούλου", "Ελένη"),
                        person(PersonRole.REPORTER, "Шевченко", "Олена"),
                        person(PersonRole.CONTACT, "Ștefănescu", "Ioana-Teodora"),
                        person(PersonRole.CONTACT, null, null))), "op2");
        database.inTransaction(session -> {
            // a database from before V10: no keys, no version
            session.createNativeMutationQuery("delete from hw_name_key").executeUpdate();
            session.createNativeMutationQuery("update hw_person set name_keys = null").executeUpdate();
            // and some persons with keys of an older version, one of them stale: they are made again
            List<Object[]> older = session.createNativeQuery("select id, case_id from hw_person order by id"
                    + " fetch first 5 rows only", Object[].class).addScalar("id", UUID.class)
                    .addScalar("case_id", UUID.class).getResultList();
            for (Object[] person : older) {
                session.createNativeMutationQuery("update hw_person set name_keys = :older where id = :id")
                        .setParameter("older", NameKeys.VERSION - 1).setParameter("id", person[0]).executeUpdate();
                session.createNativeMutationQuery("insert into hw_name_key (person_id, word, name_key, case_id)"
                        + " values (:person, 0, 'stale', :case)").setParameter("person", person[0])
                        .setParameter("case", person[1]).executeUpdate();
            }
            return null;
        });
        assertEquals(PERSONS, personsLeft());
    }

    @Test
    void theBackfillMakesTheKeysOfEveryPersonAndSearchFindsThem() {
        assertEquals(0, service.search(CaseQuery.all().withText("Papadopoulou")).total(), "no keys, not found");

        assertEquals(PERSONS, new NameKeyBackfill(database, 0, false).runBatches(40, Integer.MAX_VALUE));

        assertEquals(0, personsLeft(), "the person without a name is done too");
        assertEquals(expectedKeys(), storedKeys());
        assertEquals(List.of(foreignScripts.id()), ids(CaseQuery.all().withText("Papadopoulou")), "Greek, in Latin");
        assertEquals(List.of(foreignScripts.id()), ids(CaseQuery.all().withText("Shevchenko Olena")), "Cyrillic");
        assertEquals(List.of(foreignScripts.id()), ids(CaseQuery.all().withText("stefanescu teodora")),
                "Romanian, without its diacritics");
        assertEquals(CASES / 10 * 2, service.search(CaseQuery.all().withText("Muller")).total(),
                "the generated persons: a Müller child in cases 3, 13, …, a Müller contact in cases 6, 16, …");
    }

    @Test
    void anInterruptedBackfillResumesWhereItStopped() {
        NameKeyBackfill first = new NameKeyBackfill(database, 0, false);
        assertEquals(40, first.runBatches(40, 1), "stopped after one batch");
        assertEquals(PERSONS - 40, personsLeft());
        List<UUID> done = database.inTransaction(session -> session.createNativeQuery(
                "select id from hw_person where name_keys = :version order by id", UUID.class)
                .setParameter("version", NameKeys.VERSION).getResultList());
        List<UUID> lowest = database.inTransaction(session -> session.createNativeQuery(
                "select id from hw_person order by id fetch first 40 rows only", UUID.class).getResultList());
        assertEquals(lowest, done, "in id order");

        // a new start, as after a restart: counts what is left and continues with it
        assertEquals(PERSONS - 40, new NameKeyBackfill(database, 0, false).runBatches(40, Integer.MAX_VALUE));

        assertEquals(0, personsLeft());
        assertEquals(expectedKeys(), storedKeys(), "no key missing, none twice");
        assertEquals(0, new NameKeyBackfill(database, 0, false).runBatches(40, Integer.MAX_VALUE), "nothing left to do");
    }

    @Test
    void twoBackfillsAtOnceFinishWithoutErrorAndWithTheRightKeys() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                NameKeyBackfill backfill = new NameKeyBackfill(database, 0, false);
                runs.add(nodes.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return backfill.runBatches(10, Integer.MAX_VALUE);
                }));
            }
            int made = 0;
            for (Future<Integer> run : runs) {
                made += run.get(60, TimeUnit.SECONDS);
            }
            // PostgreSQL passes over a person the other node has done; H2 may do it again, harmlessly
            assertTrue(made >= PERSONS, made + " persons made");
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(0, personsLeft());
        assertEquals(expectedKeys(), storedKeys());
    }

    @Test
    void theHealthCheckReportsProgressAndStaysHealthy() {
        NameKeyBackfill backfill = new NameKeyBackfill(database, 0, false);
        assertEquals("name-keys", backfill.name());
        assertEquals(new HealthCheck.Result(true, "name keys: counting the persons without keys"), backfill.check());

        backfill.runBatches(100, 1);
        assertEquals(new HealthCheck.Result(true, "name keys: " + (PERSONS - 100) + " of " + PERSONS
                + " persons left"), backfill.check());

        backfill.runBatches(100, Integer.MAX_VALUE);
        assertEquals(new HealthCheck.Result(true, "name keys: every person has keys of version " + NameKeys.VERSION),
                backfill.check());
    }

    @Test
    void activationRunsTheBackfillOnItsThreadAndDeactivationStopsIt() throws Exception {
        NameKeyBackfill backfill = new NameKeyBackfill(database);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (backfill.running() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(backfill.running(), "the thread ends when every person has keys");
            assertEquals("name keys: every person has keys of version " + NameKeys.VERSION,
                    backfill.check().detail());
            assertEquals(expectedKeys(), storedKeys());
        } finally {
            backfill.stop();
        }
    }

    @Test
    void deactivationStopsTheThreadBetweenTwoBatchesAndTheNextStartContinues() throws Exception {
        // H2 runs one transaction at a time (see Database): no batch can wait for a row another holds
        assumeTrue(onPostgres(), "on H2 no transaction runs beside another");
        // a staff transaction holds the 45th person, so the fifth batch of ten waits for it
        UUID held = database.inTransaction(session -> session.createNativeQuery(
                "select id from hw_person order by id offset 44 rows fetch next 1 rows only", UUID.class)
                .getSingleResult());
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService others = Executors.newFixedThreadPool(2);
        long done;
        try {
            Future<?> staff = others.submit(() -> database.inTransaction(session -> {
                session.createNativeQuery("select id from hw_person where id = :id for update", UUID.class)
                        .setParameter("id", held).getResultList();
                locked.countDown();
                return await(release);
            }));
            assertTrue(locked.await(10, TimeUnit.SECONDS));
            NameKeyBackfill backfill = new NameKeyBackfill(database, 10, true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (backfill.done() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Future<?> deactivation = others.submit(() -> {
                backfill.stop();
                return null;
            });
            Thread.sleep(200);
            release.countDown();
            staff.get(10, TimeUnit.SECONDS);
            deactivation.get(20, TimeUnit.SECONDS);

            assertFalse(backfill.running(), "stopped, and waited for");
            done = backfill.done();
            assertTrue(done == 40 || done == 50, "whole batches only: " + done);
            assertEquals(PERSONS - done, personsLeft());
            assertEquals(expectedKeys(true), storedKeys(), "the persons done have all their keys, no other has any");
            assertEquals("name keys: " + (PERSONS - done) + " of " + PERSONS + " persons left; stopped, the next start"
                    + " continues", backfill.check().detail());
        } finally {
            release.countDown();
            others.shutdownNow();
        }

        assertEquals(PERSONS - done, new NameKeyBackfill(database, 0, false).runBatches(40, Integer.MAX_VALUE),
                "the rest");
        assertEquals(0, personsLeft());
        assertEquals(expectedKeys(), storedKeys());
    }

    private static Object await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private long personsLeft() {
        return database.inTransaction(session -> session.createNativeQuery("select count(*) from hw_person"
                + " where name_keys is null or name_keys <> :version", Long.class)
                .setParameter("version", NameKeys.VERSION).getSingleResult());
    }

    /** @return every person's keys as {@link NameKeys#rows} makes them now, as {@code person word key case}, sorted */
    private List<String> expectedKeys() {
        return expectedKeys(false);
    }

    /** @param onlyDone true for the keys of the persons whose {@code name_keys} is this version only */
    private List<String> expectedKeys(boolean onlyDone) {
        List<Object[]> persons = database.inTransaction(session -> session.createNativeQuery(
                "select id, case_id, family_name, given_name from hw_person"
                        + (onlyDone ? " where name_keys = " + NameKeys.VERSION : ""), Object[].class)
                .addScalar("id", UUID.class).addScalar("case_id", UUID.class)
                .addScalar("family_name", String.class).addScalar("given_name", String.class).getResultList());
        List<String> keys = new ArrayList<>();
        for (Object[] person : persons) {
            for (NameKeyEntity row : NameKeys.rows((UUID) person[0], (UUID) person[1], (String) person[2],
                    (String) person[3])) {
                keys.add(row.personId() + " " + row.word() + " " + row.key() + " " + person[1]);
            }
        }
        return keys.stream().sorted().toList();
    }

    /** @return the rows of {@code hw_name_key} in the form of {@link #expectedKeys()}, duplicates kept */
    private List<String> storedKeys() {
        return database.inTransaction(session -> session.createNativeQuery(
                "select person_id, word, name_key, case_id from hw_name_key", Object[].class)
                .addScalar("person_id", UUID.class).addScalar("word", Integer.class)
                .addScalar("name_key", String.class).addScalar("case_id", UUID.class).getResultList())
                .stream().map(row -> row[0] + " " + row[1] + " " + row[2] + " " + row[3])
                .sorted().toList();
    }

    private List<UUID> ids(CaseQuery query) {
        return service.search(query).cases().stream().map(Case::id).toList();
    }

    private static PersonDetails person(PersonRole role, String familyName, String givenName) {
        return new PersonDetails(role, familyName, givenName, null, null, null, null);
    }
}
