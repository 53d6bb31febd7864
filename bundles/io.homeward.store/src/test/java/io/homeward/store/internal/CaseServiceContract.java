package io.homeward.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.StaleCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.casemodel.spi.CenterPlugin;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * What {@link CaseServiceImpl} promises, against a real database. Subclasses say which database: the same
 * tests run on an H2 file database and on PostgreSQL. One database per class; every test starts from empty
 * tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaseServiceContract {

    private static final Instant MARCH_2026 = Instant.parse("2026-03-01T10:00:00Z");

    private Database database;
    private TestCenters centers;
    private TestClock clock;
    private CaseServiceImpl service;
    private TestAbortedException unavailable;

    /**
     * @return how to reach the database under test, the same database on every call; may abort the class with
     *     a failed assumption when that database is not available here
     */
    abstract Database.Settings settings();

    /** Called once the tests are done and the database is closed. */
    void cleanUp() throws Exception {
    }

    @BeforeAll
    void openDatabase() {
        try {
            database = new Database(settings());
        } catch (TestAbortedException e) {
            // the database is not available here: every test is then reported as skipped, with the reason
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

    @BeforeEach
    void emptyStore() {
        if (unavailable != null) {
            throw unavailable;
        }
        database.inTransaction(session -> {
            for (String table : List.of("hw_timeline_event", "hw_case_field", "hw_person", "hw_case", "hw_case_number")) {
                session.createNativeMutationQuery("delete from " + table).executeUpdate();
            }
            return null;
        });
        centers = new TestCenters();
        clock = new TestClock(MARCH_2026);
        service = new CaseServiceImpl(database, centers, clock);
    }

    @Test
    void openStartsTheCaseInTheInitialStateOfTheCurrentWorkflowVersion() {
        Case opened = service.open(intake("runaway", Map.of("last-seen", "2026-02-28", "nationality", "NL")), "op1");

        assertEquals("TC-2026-0001", opened.number());
        assertEquals(TestCenters.TEST, opened.centerId());
        assertEquals("BE", opened.country(), "no country means the center's own");
        assertEquals(CaseType.RUNAWAY, opened.type());
        assertEquals("missing", opened.workflowId());
        assertEquals(2, opened.workflowVersion());
        assertEquals("reported", opened.status());
        assertEquals(RiskLevel.HIGH, opened.risk().level());
        assertEquals("left a note; has no money", opened.risk().reason());
        assertEquals("op1", opened.risk().assessedBy());
        assertEquals(Map.of("last-seen", "2026-02-28", "nationality", "NL"), opened.fields());
        assertEquals(List.of(PersonRole.CHILD, PersonRole.REPORTER),
                opened.persons().stream().map(p -> p.details().role()).toList());
        assertNull(opened.closedAt());
        assertEquals(0, opened.version());
        assertEquals(opened, service.find(opened.id()).orElseThrow(), "what open returns is what is stored");

        List<TimelineEvent> timeline = service.timeline(opened.id());
        assertEquals(1, timeline.size());
        TimelineEvent event = timeline.get(0);
        assertEquals(TimelineEvent.OPENED, event.kind());
        assertEquals("op1", event.actor());
        assertEquals("reported", event.toStatus());
        assertEquals(opened.openedAt(), event.at());
        assertTrue(event.note().contains("HIGH"), event.note());
    }

    @Test
    void openListsEveryViolationAtOnceAndWritesNothing() {
        List<String> guardCalls = new ArrayList<>();
        CaseGuard refusing = new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                guardCalls.add(intake.centerId());
                return List.of(new Violation(null, "the hotline was not told"));
            }
        };
        service.addGuard(refusing, Map.of(CenterPlugin.CENTER_PROPERTY, TestCenters.TEST));
        service.addGuard(new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                throw new AssertionError("a guard of another center must not be asked");
            }
        }, Map.of(CenterPlugin.CENTER_PROPERTY, TestCenters.OTHER));

        NewCase bad = new NewCase(TestCenters.TEST, "runaway", "XX", RiskLevel.LOW, " ",
                Map.of("last-seen", "yesterday", "shoe-size", "38"),
                List.of(person(PersonRole.REPORTER, "Peeters", "An")));
        InvalidCaseException e = assertThrows(InvalidCaseException.class, () -> service.open(bad, "op1"));

        assertEquals(List.of(
                new Violation("riskReason", "must say why the risk level was set"),
                new Violation("country", "XX is not an ISO 3166-1 alpha-2 country code"),
                new Violation("fields.last-seen", "'yesterday' is not a date of the form yyyy-MM-dd"),
                new Violation("fields.shoe-size", "is not a field of center test-center"),
                new Violation("persons", "a case needs at least one person with role CHILD"),
                new Violation(null, "the hotline was not told")), e.violations());
        assertEquals(List.of(TestCenters.TEST), guardCalls);

        NewCase missingRequired = new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "reason", Map.of(),
                List.of(person(PersonRole.CHILD, "Peeters", "Lotte")));
        assertEquals(List.of(new Violation("fields.last-seen", "is required in state reported"),
                new Violation(null, "the hotline was not told")),
                assertThrows(InvalidCaseException.class, () -> service.open(missingRequired, "op1")).violations());

        NewCase unknownCenter = new NewCase("atlantis", "runaway", null, null, null, Map.of(), List.of());
        assertEquals(List.of(
                new Violation("centerId", "no installed center plugin declares center atlantis"),
                new Violation("riskLevel", "is required"),
                new Violation("riskReason", "must say why the risk level was set"),
                new Violation("persons", "a case needs at least one person with role CHILD")),
                assertThrows(InvalidCaseException.class, () -> service.open(unknownCenter, "op1")).violations());

        NewCase unknownCategory = new NewCase(TestCenters.TEST, "ufo", null, RiskLevel.LOW, "reason", Map.of(),
                List.of(person(PersonRole.CHILD, "Peeters", "Lotte")));
        assertEquals(new Violation("category", "ufo is not a category of center test-center; its categories are "
                + "runaway, abduction"),
                assertThrows(InvalidCaseException.class, () -> service.open(unknownCategory, "op1")).violations().get(0));

        assertEquals(0, service.search(CaseQuery.all()).total(), "nothing was written");
        service.removeGuard(refusing);
        assertEquals("TC-2026-0001", service.open(intake("runaway", Map.of("last-seen", "2026-02-28")), "op1").number(),
                "refused intakes took no number");
    }

    @Test
    void caseNumbersFollowTheCenterSchemeWithOneSequencePerCenterAndYear() {
        assertEquals("TC-2026-0001", open().number());
        assertEquals("TC-2026-0002", open().number());
        assertEquals("OC/000001/2026", service.open(otherIntake(), "op2").number());
        assertEquals("TC-2026-0003", open().number());

        clock.set(Instant.parse("2027-01-01T00:00:05Z"));
        assertEquals("TC-2027-0001", open().number());
        assertEquals("OC/000001/2027", service.open(otherIntake(), "op2").number());
        assertEquals("TC-2027-0002", open().number());
    }

    @Test
    void twoActionsMoveTheCaseAndAreOnItsTimeline() {
        Case opened = open();

        Case investigating = service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-123"),
                "police informed", "cw1");
        assertEquals("investigating", investigating.status());
        assertEquals(1, investigating.version());
        assertEquals("PV-123", investigating.fields().get("police-ref"));
        assertNull(investigating.closedAt());

        Case closed = service.perform(opened.id(), "close", 1, Map.of("outcome", "FOUND"), null, "sup1");
        assertEquals("closed", closed.status());
        assertEquals(2, closed.version());
        assertTrue(closed.isClosed());
        assertEquals(Map.of("last-seen", "2026-02-28", "police-ref", "PV-123", "outcome", "FOUND"), closed.fields());
        assertEquals(closed, service.find(opened.id()).orElseThrow());

        List<TimelineEvent> timeline = service.timeline(opened.id());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.ACTION, TimelineEvent.ACTION),
                timeline.stream().map(TimelineEvent::kind).toList());
        TimelineEvent investigate = timeline.get(1);
        assertEquals("investigate", investigate.action());
        assertEquals("reported", investigate.fromStatus());
        assertEquals("investigating", investigate.toStatus());
        assertEquals("police informed", investigate.note());
        assertEquals("cw1", investigate.actor());
        TimelineEvent close = timeline.get(2);
        assertEquals("close", close.action());
        assertEquals("investigating", close.fromStatus());
        assertEquals("closed", close.toStatus());
        assertEquals(close.at(), closed.closedAt());

        Case archived = service.perform(opened.id(), "archive", 2, Map.of(), null, "sup1");
        assertEquals(closed.closedAt(), archived.closedAt(), "a closed case keeps the time it closed");
        Case reopened = service.perform(service.perform(opened.id(), "reopen", 3, Map.of(), null, "sup1").id(),
                "add-note", 4, Map.of(), "still looking", "cw1");
        assertNull(reopened.closedAt(), "leaving the terminal states reopens the case");
        assertEquals(5, reopened.version(), "an action that changes neither status nor fields still counts");
    }

    @Test
    void anActionBasedOnAnOldVersionIsRefused() {
        Case opened = open();
        service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "cw1");

        StaleCaseException e = assertThrows(StaleCaseException.class,
                () -> service.perform(opened.id(), "close", 0, Map.of("outcome", "FOUND"), null, "cw2"));
        assertEquals(1, e.currentVersion());
        assertTrue(e.getMessage().contains(opened.number()), e.getMessage());
        assertEquals("investigating", service.find(opened.id()).orElseThrow().status());
    }

    @Test
    void ofTwoConcurrentActionsOnOneCaseExactlyOneWins() throws Exception {
        Case opened = open();
        // both transactions have read version 0 before either writes: the loser can only notice at its UPDATE
        CyclicBarrier bothRead = new CyclicBarrier(2);
        service.addGuard(new CaseGuard() {
            @Override
            public List<Violation> checkAction(Case current, String action, Map<String, String> fields) {
                try {
                    bothRead.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return List.of();
            }
        }, Map.of(CenterPlugin.CENTER_PROPERTY, TestCenters.TEST));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Case> first = threads.submit(() -> service.perform(opened.id(), "investigate", 0,
                    Map.of("police-ref", "PV-A"), "first", "cw1"));
            Future<Case> second = threads.submit(() -> service.perform(opened.id(), "investigate", 0,
                    Map.of("police-ref", "PV-B"), "second", "cw2"));
            List<Object> outcomes = new ArrayList<>();
            for (Future<Case> f : List.of(first, second)) {
                try {
                    outcomes.add(f.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            List<Case> winners = outcomes.stream().filter(Case.class::isInstance).map(Case.class::cast).toList();
            List<Object> losers = outcomes.stream().filter(o -> !(o instanceof Case)).toList();
            assertEquals(1, winners.size(), () -> "outcomes: " + outcomes);
            StaleCaseException stale = assertInstanceOf(StaleCaseException.class, losers.get(0));
            assertEquals(1, stale.currentVersion());

            Case stored = service.find(opened.id()).orElseThrow();
            assertEquals(winners.get(0), stored);
            assertEquals(2, service.timeline(opened.id()).size(), "the loser appended nothing");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void actionsAreCheckedAgainstTheWorkflowAndTheFieldsRequiredByTheTargetState() {
        Case opened = open();

        InvalidCaseException notAllowed = assertThrows(InvalidCaseException.class,
                () -> service.perform(opened.id(), "close", 0, Map.of("outcome", "FOUND"), null, "cw1"));
        assertEquals(List.of(new Violation("action", "close is not allowed in state reported; allowed: investigate")),
                notAllowed.violations());

        InvalidCaseException missing = assertThrows(InvalidCaseException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("outcome", "LOST"), null, "cw1"));
        assertEquals(List.of(new Violation("fields.outcome", "'LOST' is not one of FOUND, RETURNED"),
                new Violation("fields.police-ref", "is required in state investigating")), missing.violations());

        InvalidCaseException blank = assertThrows(InvalidCaseException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "  "), null, "cw1"));
        assertEquals(List.of(new Violation("fields.police-ref", "is required in state investigating")),
                blank.violations());

        Case unchanged = service.find(opened.id()).orElseThrow();
        assertEquals(opened, unchanged, "refused actions change nothing");
        assertEquals(1, service.timeline(opened.id()).size());

        service.addGuard(new CaseGuard() {
            @Override
            public List<Violation> checkAction(Case current, String action, Map<String, String> fields) {
                return List.of(new Violation("police-ref", "unknown police zone in " + fields.get("police-ref")));
            }
        }, Map.of(CenterPlugin.CENTER_PROPERTY, TestCenters.TEST));
        InvalidCaseException refusedByGuard = assertThrows(InvalidCaseException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "ZZ-1"), null, "cw1"));
        assertEquals(List.of(new Violation("police-ref", "unknown police zone in ZZ-1")), refusedByGuard.violations());
    }

    @Test
    void aGuardThatFailsRefusesTheRequestWithoutTakingTheStoreDown() {
        service.addGuard(new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                throw new IllegalStateException("plugin bug");
            }
        }, Map.of(CenterPlugin.CENTER_PROPERTY, TestCenters.TEST));
        CaseException e = assertThrows(CaseException.class, this::open);
        assertEquals("the rules of center test-center could not be checked; try again or ask an administrator to "
                + "look at its plugin", e.getMessage());
        assertEquals(0, service.search(CaseQuery.all()).total());
        assertEquals("OC/000001/2026", service.open(otherIntake(), "op1").number(), "other centers go on");
    }

    @Test
    void casesOfACenterWhosePluginIsGoneAreReadOnly() {
        Case opened = open();
        centers.remove(TestCenters.TEST);

        CaseException e = assertThrows(CaseException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "cw1"));
        assertFalse(e instanceof InvalidCaseException);
        assertEquals("case TC-2026-0001 belongs to center test-center, whose plugin is not installed; its cases "
                + "are read-only until the plugin is installed again", e.getMessage());
        assertEquals(opened, service.find(opened.id()).orElseThrow(), "still readable");
        assertEquals(1, service.timeline(opened.id()).size());
    }

    @Test
    void unknownCasesAreReportedAsSuch() {
        UUID nobody = UUID.randomUUID();
        assertTrue(service.find(nobody).isEmpty());
        assertThrows(CaseNotFoundException.class, () -> service.timeline(nobody));
        assertThrows(CaseNotFoundException.class,
                () -> service.perform(nobody, "investigate", 0, Map.of(), null, "cw1"));
    }

    @Test
    void searchFiltersMatchesTextAndPagesNewestFirst() {
        Case lotte = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "r",
                Map.of("last-seen", "2026-02-01"), List.of(person(PersonRole.CHILD, "Peeters", "Lotte"))), "op1");
        Case jules = service.open(new NewCase(TestCenters.TEST, "abduction", null, RiskLevel.CRITICAL, "r",
                Map.of("last-seen", "2026-02-02"), List.of(person(PersonRole.CHILD, "Müller", "Jules"),
                        person(PersonRole.ALLEGED_ABDUCTOR, "Dubois_x", "Marc"))), "op1");
        Case eleni = service.open(new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.MEDIUM, "r", Map.of(),
                List.of(person(PersonRole.CHILD, "Papadopoulou", "Eleni"))), "op2");
        service.perform(jules.id(), "investigate", 0, Map.of("police-ref", "PV-9"), null, "cw1");

        assertEquals(List.of(eleni.id(), jules.id(), lotte.id()), ids(service.search(CaseQuery.all())),
                "newest first");
        assertEquals(3, service.search(CaseQuery.all()).total());

        assertEquals(List.of(jules.id(), lotte.id()), ids(search(TestCenters.TEST, null, null, null, 0, 10)));
        assertEquals(List.of(jules.id()), ids(search(null, "investigating", null, null, 0, 10)));
        assertEquals(List.of(eleni.id()), ids(search(null, null, CaseType.LOST_INJURED_OR_OTHERWISE_MISSING, null, 0, 10)));
        assertEquals(List.of(), ids(search(TestCenters.OTHER, "investigating", null, null, 0, 10)));

        assertEquals(List.of(jules.id()), ids(search(null, null, null, "MÜLLER", 0, 10)), "family name, any case");
        assertEquals(List.of(lotte.id()), ids(search(null, null, null, "lott", 0, 10)), "given name, substring");
        assertEquals(List.of(jules.id()), ids(search(null, null, null, "marc", 0, 10)), "any person of the case");
        assertEquals(List.of(jules.id(), lotte.id()), ids(search(null, null, null, "tc-2026", 0, 10)), "case number");
        assertEquals(List.of(eleni.id()), ids(search(null, null, null, " oc/000001 ", 0, 10)));
        assertEquals(List.of(jules.id()), ids(search(null, null, null, "s_x", 0, 10)), "_ is no wildcard");
        assertEquals(List.of(), ids(search(null, null, null, "%", 0, 10)), "% is no wildcard");
        assertEquals(List.of(jules.id()), ids(search(TestCenters.TEST, "investigating", CaseType.CRIMINAL_ABDUCTION,
                "jul", 0, 10)), "all criteria at once");

        CasePage second = search(null, null, null, null, 1, 1);
        assertEquals(List.of(jules.id()), ids(second));
        assertEquals(3, second.total(), "the total counts every match, not the page");
        CasePage beyond = search(null, null, null, null, 5, 10);
        assertEquals(List.of(), ids(beyond));
        assertEquals(3, beyond.total());
        assertEquals(2, search(null, null, null, null, 0, 10).cases().get(1).persons().size(),
                "results carry their persons");
    }

    @Test
    void casesAndTimelinesSurviveReopeningTheDatabase() {
        Case opened = open();
        Case investigating = service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-7"),
                "on it", "cw1");
        List<TimelineEvent> timeline = service.timeline(opened.id());

        database.close();
        database = new Database(settings());
        service = new CaseServiceImpl(database, centers, clock);

        assertEquals(investigating, service.find(opened.id()).orElseThrow());
        assertEquals(timeline, service.timeline(opened.id()));
        assertEquals("TC-2026-0002", open().number(), "the sequence goes on where it was");
    }

    private Case open() {
        return service.open(intake("runaway", Map.of("last-seen", "2026-02-28")), "op1");
    }

    private static NewCase intake(String category, Map<String, String> fields) {
        return new NewCase(TestCenters.TEST, category, null, RiskLevel.HIGH, "left a note; has no money", fields,
                List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Emma", Sex.FEMALE, LocalDate.of(2012, 5, 4),
                        "red coat", null), person(PersonRole.REPORTER, "Janssens", "Sofie")));
    }

    private static NewCase otherIntake() {
        return new NewCase(TestCenters.OTHER, "lost", "GR", RiskLevel.MEDIUM, "lost at the fair", Map.of(),
                List.of(person(PersonRole.CHILD, "Nikolaou", "Maria")));
    }

    private static PersonDetails person(PersonRole role, String familyName, String givenName) {
        return new PersonDetails(role, familyName, givenName, null, null, null, null);
    }

    private CasePage search(String center, String status, CaseType type, String text, int offset, int limit) {
        return service.search(new CaseQuery(center, status, type, text, offset, limit));
    }

    private static List<UUID> ids(CasePage page) {
        assertNotNull(page);
        return page.cases().stream().map(Case::id).toList();
    }
}
