package io.homeward.store.internal.cases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.AttachmentContent;
import io.homeward.casemodel.AttachmentRefusedException;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseStatistics;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.MatchReason;
import io.homeward.casemodel.SearchMatch;
import java.util.HashSet;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.Note;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.PluginFailureException;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.SlaStatus;
import io.homeward.casemodel.StaleCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.Hub;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.caserecord.NameKeysTest;
import io.homeward.store.internal.db.Database;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link CaseServiceImpl} promises, against a real database. Subclasses say which database: the same
 * tests run on an H2 file database and on PostgreSQL. One database per class; every test starts from empty
 * tables.
 */
public abstract class CaseServiceContract extends DatabaseContract {

    private static final Instant MARCH_2026 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TEST_PLUGIN = "io.homeward.test 1.0.0";
    private static final String OTHER_PLUGIN = "io.homeward.other 1.0.0";

    private TestCenters centers;
    private TestClock clock;
    private DirectPluginCalls pluginCalls;
    private CaseServiceImpl service;





    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_attachment_content", "hw_attachment", "hw_case_note",
                "hw_timeline_event", "hw_case_field", "hw_person", "hw_case_share", "hw_sla_timer", "hw_case",
                "hw_case_number"));
        centers = new TestCenters();
        clock = new TestClock(MARCH_2026);
        pluginCalls = new DirectPluginCalls();
        service = new CaseServiceImpl(database, centers, pluginCalls, clock);
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
        service.addGuard(TestCenters.TEST, TEST_PLUGIN, refusing);
        service.addGuard(TestCenters.OTHER, OTHER_PLUGIN, new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                throw new AssertionError("a guard of another center must not be asked");
            }
        });

        NewCase bad = new NewCase(TestCenters.TEST, "runaway", "XX", RiskLevel.LOW, " ",
                Map.of("last-seen", "yesterday", "shoe-size", "38"),
                List.of(person(PersonRole.REPORTER, "Peeters", "An")));
        InvalidCaseException e = assertThrows(InvalidCaseException.class, () -> service.open(bad, "op1"));

        assertEquals(List.of(
                new Violation("riskReason", "must say why the risk level was set"),
                new Violation("country", "XX is not an ISO 3166-1 alpha-2 country code"),
                new Violation("fields.last-seen", "'yesterday' is not a date of the form yyyy-MM-dd", "field.not-a-date",
                        List.of("yesterday")),
                new Violation("fields.shoe-size", "is not a field of center test-center", "field.unknown", List.of()),
                new Violation("persons", "a case needs at least one person with role CHILD"),
                new Violation(null, "the hotline was not told")), e.violations());
        assertEquals(List.of(TestCenters.TEST), guardCalls);

        NewCase missingRequired = new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "reason", Map.of(),
                List.of(person(PersonRole.CHILD, "Peeters", "Lotte")));
        assertEquals(List.of(inState("last-seen", "reported"),
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
        service.addGuard(TestCenters.TEST, TEST_PLUGIN, new CaseGuard() {
            @Override
            public List<Violation> checkAction(Case current, String action, Map<String, String> fields) {
                try {
                    bothRead.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return List.of();
            }
        });

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
        assertEquals(List.of(new Violation("fields.outcome", "'LOST' is not one of FOUND, RETURNED", "field.not-a-choice",
                List.of("LOST", "FOUND, RETURNED")), inState("police-ref", "investigating")), missing.violations());

        InvalidCaseException blank = assertThrows(InvalidCaseException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "  "), null, "cw1"));
        assertEquals(List.of(inState("police-ref", "investigating")),
                blank.violations());

        Case unchanged = service.find(opened.id()).orElseThrow();
        assertEquals(opened, unchanged, "refused actions change nothing");
        assertEquals(1, service.timeline(opened.id()).size());

        service.addGuard(TestCenters.TEST, TEST_PLUGIN, new CaseGuard() {
            @Override
            public List<Violation> checkAction(Case current, String action, Map<String, String> fields) {
                return List.of(new Violation("police-ref", "unknown police zone in " + fields.get("police-ref")));
            }
        });
        InvalidCaseException refusedByGuard = assertThrows(InvalidCaseException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "ZZ-1"), null, "cw1"));
        assertEquals(List.of(new Violation("police-ref", "unknown police zone in ZZ-1")), refusedByGuard.violations());
    }

    @Test
    void everyGuardIsCalledThroughPluginCallsAndAFailingOneFailsOnlyItsOperation() {
        CaseGuard throwing = new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                throw new IllegalStateException("plugin bug");
            }
        };
        service.addGuard(TestCenters.TEST, TEST_PLUGIN, throwing);
        PluginFailureException e = assertThrows(PluginFailureException.class, this::open,
                "the error of PluginCalls reaches the caller as it is");
        assertEquals(List.of(TestCenters.TEST, TEST_PLUGIN, "CaseGuard.checkIntake"),
                List.of(e.centerId(), e.plugin(), e.hook()));
        assertEquals(List.of("test-center CaseGuard.checkIntake io.homeward.test 1.0.0"), pluginCalls.calls);
        assertEquals(0, service.search(CaseQuery.all()).total());
        assertEquals("OC/000001/2026", service.open(otherIntake(), "op1").number(), "other centers go on");

        service.removeGuard(throwing);
        Case opened = open();
        service.addGuard(TestCenters.TEST, TEST_PLUGIN, new CaseGuard() {
            @Override
            public List<Violation> checkAction(Case current, String action, Map<String, String> fields) {
                return null;
            }
        });
        PluginFailureException noAnswer = assertThrows(PluginFailureException.class,
                () -> service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "cw1"),
                "answering null breaks the guard contract: a fault of the plugin, like a throw");
        assertEquals("CaseGuard.checkAction", noAnswer.hook());
        assertEquals(opened, service.find(opened.id()).orElseThrow(), "the refused action changed nothing");
        assertEquals("test-center CaseGuard.checkAction io.homeward.test 1.0.0",
                pluginCalls.calls.get(pluginCalls.calls.size() - 1));
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
        assertEquals(List.of(lotte.id()), ids(search(null, null, null, "lott", 0, 10)), "given name, its beginning");
        assertEquals(List.of(jules.id()), ids(search(null, null, null, "marc", 0, 10)), "any person of the case");
        assertEquals(List.of(jules.id(), lotte.id()), ids(search(null, null, null, "tc-2026", 0, 10)), "case number");
        assertEquals(List.of(eleni.id()), ids(search(null, null, null, " oc/000001 ", 0, 10)));
        assertEquals(List.of(jules.id()), ids(search(null, null, null, "dubois_x", 0, 10)), "a name as written");
        assertEquals(List.of(), ids(search(null, null, null, "d_bois", 0, 10)), "_ is no wildcard");
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
    void aChildIsFoundAcrossScriptsAndSpellingsTheSameSpellingFirst() {
        Case greek = service.open(new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.HIGH, "r", Map.of(),
                List.of(person(PersonRole.CHILD, "Παπαδοπούλου", "Μαρία"))), "op2");
        Case misspelt = service.open(new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.HIGH, "r", Map.of(),
                List.of(person(PersonRole.CHILD, "Papadopulu", "Eleni"))), "op2");
        Case romanian = service.open(new NewCase(TestCenters.RO, "fuga", null, RiskLevel.MEDIUM, "r", Map.of(),
                List.of(person(PersonRole.CHILD, "Mureșan", "Ioana-Teodora"))), "op3");
        Case ukrainian = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "r",
                Map.of("last-seen", "2026-02-28"), List.of(person(PersonRole.CHILD, "Шевченко", "Олена"))), "op1");

        CasePage page = service.search(CaseQuery.all().withText("Papadopoulou"));
        assertEquals(List.of(greek.id(), misspelt.id()), ids(page), "the same spelling before a misspelling");
        assertEquals(List.of(MatchReason.SAME_SPELLING, MatchReason.SIMILAR_SPELLING),
                page.matches().stream().map(SearchMatch::reason).toList());
        assertEquals(List.of(greek.persons().get(0).id(), misspelt.persons().get(0).id()),
                page.matches().stream().map(SearchMatch::personId).toList(), "the matched person");
        assertEquals(List.of(greek.id()), ids(service.search(CaseQuery.all().withText("maria papadopoulou"))));
        assertEquals(List.of(greek.id()), ids(service.search(CaseQuery.all().withText("Papadopoulou Μαρια"))),
                "any order, mixed scripts, without tonos");
        assertEquals(List.of(romanian.id()), ids(service.search(CaseQuery.all().withText("Teodora Mureşan"))),
                "cedilla for comma below, one of a hyphenated name");
        assertEquals(List.of(romanian.id()), ids(service.search(CaseQuery.all().withText("ioana teodora muresan"))));
        assertEquals(List.of(ukrainian.id()), ids(service.search(CaseQuery.all().withText("Shevchenko"))));
        assertEquals(List.of(ukrainian.id()), ids(service.search(CaseQuery.all().withText("Olena Shevch"))),
                "a name being typed");
        assertEquals(List.of(), ids(service.search(CaseQuery.all().withText("Papadakis"))));
        assertEquals(List.of(), ids(service.search(CaseQuery.all().withText("Maria Mureșan"))),
                "every word must match one and the same person");

        Case twice = service.open(new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.HIGH, "r", Map.of(),
                List.of(person(PersonRole.CHILD, "Papadopoulou", "Maria"),
                        person(PersonRole.REPORTER, "Παπαδοπούλου", "Μαρία"))), "op2");
        CasePage both = service.search(CaseQuery.all().withText("maria papadopoulou"));
        assertEquals(List.of(twice.id(), greek.id()), ids(both), "a case two of whose persons match, once");
        assertEquals(2, both.total());
    }

    /**
     * The corpus of {@link NameKeysTest} through the database: what the search's indexed lookups find must be what
     * the name rules say, for the same reason.
     */
    @Test
    void theCorpusOfNamePairsIsAnsweredByTheSearch() {
        Map<String, Case> stored = new HashMap<>();
        Stream.concat(NameKeysTest.variants(), NameKeysTest.strangers()).forEach(pair -> stored.computeIfAbsent(
                (String) pair.get()[0], name -> service.open(new NewCase(TestCenters.OTHER, "lost", null,
                        RiskLevel.LOW, "r", Map.of(), List.of(person(PersonRole.CHILD, name, null))), "op")));
        NameKeysTest.variants().forEach(pair -> {
            Object[] arguments = pair.get();
            Case expected = stored.get((String) arguments[0]);
            CasePage page = service.search(CaseQuery.all().withText((String) arguments[1]).withPage(0, 100));
            int at = ids(page).indexOf(expected.id());
            assertTrue(at >= 0, arguments[1] + " must find " + arguments[0]);
            assertEquals(arguments[2].toString(), page.matches().get(at).reason().name(),
                    arguments[1] + " finds " + arguments[0]);
        });
        NameKeysTest.strangers().forEach(pair -> assertFalse(ids(service.search(CaseQuery.all()
                .withText((String) pair.get()[1]).withPage(0, 100))).contains(stored.get((String) pair.get()[0]).id()),
                pair.get()[1] + " must not find " + pair.get()[0]));
    }

    @Test
    void aNameSearchNeverShowsNorCountsACaseTheViewerMayNotSee() {
        Map<String, Case> cases = openAcrossCenters();
        cases.replaceAll((key, c) -> service.addPerson(c.id(), c.version(),
                person(PersonRole.REPORTER, "Πόπεσκου", "Ντάνα"), "op"));
        assertEquals(6, service.search(CaseQuery.all().withText("Popescu")).total(), "every case has one");
        Map<String, List<String>> visible = Map.of(
                TestCenters.TEST, List.of("be"),
                TestCenters.OTHER, List.of("gr", "gr-transferred"),
                TestCenters.RO, List.of("ro", "ro-shared"),
                TestCenters.SEEC, List.of("gr", "ro", "gr-transferred", "al-hub", "ro-shared"));
        visible.forEach((viewer, keys) -> {
            CasePage page = service.search(CaseQuery.all().withViewer(viewer).withText("Popescu").withPage(0, 50));
            assertEquals(keys.stream().map(k -> cases.get(k).id()).collect(Collectors.toSet()),
                    new HashSet<>(ids(page)), viewer);
            assertEquals(keys.size(), page.total(), viewer + " counts only what it sees");
        });
        assertEquals(0, service.search(CaseQuery.all().withViewer(TestCenters.TEST)
                .withText(cases.get("gr").number())).total(), "nor by its number");
    }

    @Test
    void aCaseNumberIsFoundInFullOrByItsBeginning() {
        Case first = open();
        Case second = open();
        CasePage exact = service.search(CaseQuery.all().withText(first.number()));
        assertEquals(List.of(first.id()), ids(exact));
        assertEquals(MatchReason.CASE_NUMBER, exact.matches().get(0).reason());
        assertNull(exact.matches().get(0).personId());
        assertEquals(List.of(second.id(), first.id()), ids(service.search(CaseQuery.all().withText("tc-2026-000"))),
                "any case, the beginning typed in lower case");
        assertEquals(List.of(), ids(service.search(CaseQuery.all().withText("TC-2026-0009"))));
        Case third = open();
        CasePage firstOfThree = service.search(CaseQuery.all().withText("TC-2026").withPage(0, 1));
        assertEquals(List.of(third.id()), ids(firstOfThree));
        assertEquals(3, firstOfThree.total(), "a page of one counts every case the beginning matches");
        assertEquals(0, service.search(CaseQuery.all().withViewer(TestCenters.OTHER).withText("TC-2026")
                .withPage(0, 1)).total(), "but none the viewer may not see");
    }

    @Test
    void badSearchTextIsRefusedOrFindsNothing() {
        Case opened = open();
        assertEquals(List.of(opened.id()), ids(service.search(CaseQuery.all().withText("  "))),
                "blank text is no criterion");
        for (String nothing : List.of("...", "%", "_", "%%__", "' OR 1=1 --", "\\", "*", "!!!")) {
            assertEquals(0, service.search(CaseQuery.all().withText(nothing)).total(), nothing);
        }
        assertThrows(IllegalArgumentException.class, () -> CaseQuery.all().withText("x".repeat(1000)));
        assertThrows(IllegalArgumentException.class, () -> CaseQuery.all().withText("Emma\u0000Janssens"));
        assertEquals(0, service.search(CaseQuery.all().withText("a b c d e f g h Janssens")).total(),
                "the first words count, the rest are no error");
        assertEquals(0, service.search(CaseQuery.all().withText("h")).total(), "a word without a sound code");
        assertEquals(List.of(opened.id()), ids(service.search(CaseQuery.all().withText("Emma Ĵanssens"))));
    }

    @Test
    void casesAndTimelinesSurviveReopeningTheDatabase() {
        Case opened = open();
        Case investigating = service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-7"),
                "on it", "cw1");
        List<TimelineEvent> timeline = service.timeline(opened.id());

        database.close();
        database = new StoreDatabase(settings());
        service = new CaseServiceImpl(database, centers, pluginCalls, clock);

        assertEquals(investigating, service.find(opened.id()).orElseThrow());
        assertEquals(timeline, service.timeline(opened.id()));
        assertEquals("TC-2026-0002", open().number(), "the sequence goes on where it was");
    }

    @Test
    void theYearOfACaseNumberIsTheYearInTheCentersTimeZone() {
        // 23:30 in Brussels, already 00:30 on New Year's Day in Athens
        clock.set(Instant.parse("2026-12-31T22:30:00Z"));
        assertEquals("TC-2026-0001", open().number());
        assertEquals("OC/000001/2027", service.open(otherIntake(), "op2").number());
        // 00:30 in Brussels
        clock.set(Instant.parse("2026-12-31T23:30:00Z"));
        assertEquals("TC-2027-0001", open().number());
    }

    @Test
    void aPersonFieldMustNameAPersonLinkedToTheSameCase() {
        String stranger = UUID.randomUUID().toString();
        InvalidCaseException atIntake = assertThrows(InvalidCaseException.class, () -> service.open(
                intake("runaway", Map.of("last-seen", "2026-02-28", "found-by", stranger)), "op1"));
        assertEquals(List.of(notLinked(stranger)), atIntake.violations(), "no person has an id before the case is opened");

        Case opened = open();
        Case other = open();
        UUID reporter = opened.persons().get(1).id();
        UUID otherCasesReporter = other.persons().get(1).id();
        assertEquals(List.of(notLinked(otherCasesReporter.toString())), assertThrows(InvalidCaseException.class, () -> service.perform(opened.id(),
                "investigate", 0, Map.of("police-ref", "PV-1", "found-by", otherCasesReporter.toString()), null,
                "cw1")).violations());
        assertEquals(List.of(new Violation("fields.found-by", "'somebody' is not the id of a person", "field.not-a-person",
                List.of("somebody"))),
                assertThrows(InvalidCaseException.class, () -> service.perform(opened.id(), "investigate", 0,
                        Map.of("police-ref", "PV-1", "found-by", "somebody"), null, "cw1")).violations());

        Case investigating = service.perform(opened.id(), "investigate", 0,
                Map.of("police-ref", "PV-1", "found-by", reporter.toString()), null, "cw1");
        assertEquals(reporter.toString(), investigating.fields().get("found-by"));
    }

    @Test
    void aHubTransfersAnIntakeToTheNationalCenterOfItsCountry() {
        List<String> asked = new ArrayList<>();
        service.addGuard(TestCenters.OTHER, OTHER_PLUGIN, new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                asked.add(intake.centerId() + " " + intake.category() + " " + intake.country());
                return List.of();
            }
        });
        service.addGuard(TestCenters.SEEC, "io.homeward.seec 1.0.0", new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                throw new AssertionError("the hub's guards do not check a case it transfers");
            }
        });

        Case routed = service.open(hubIntake("GR", "runaway", Map.of("last-seen", "2026-02-27")), "hub-op");

        assertEquals(TestCenters.OTHER, routed.centerId());
        assertEquals("fugi", routed.category(), "the national center's category of the same type");
        assertEquals(CaseType.RUNAWAY, routed.type());
        assertEquals("GR", routed.country());
        assertEquals("simple", routed.workflowId());
        assertEquals("OC/000001/2026", routed.number());
        assertEquals(List.of(), routed.sharedWith());
        assertEquals(routed, service.find(routed.id()).orElseThrow(), "open returns the case as stored");
        assertEquals(List.of("other-center fugi GR"), asked);
        List<TimelineEvent> timeline = service.timeline(routed.id());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.ROUTED), timeline.stream().map(TimelineEvent::kind).toList());
        assertEquals("routed from hub seec", timeline.get(1).note());
        assertEquals("hub-op", timeline.get(1).actor());
    }

    @Test
    void aTransferNeedsACategoryOfTheSameTypeAndMeetsTheNationalCentersRules() {
        InvalidCaseException noCategory = assertThrows(InvalidCaseException.class,
                () -> service.open(hubIntake("RO", "migration", Map.of()), "hub-op"));
        assertEquals(List.of(new Violation("category", "center ro-center, to which hub seec routes cases in RO, has no "
                + "category of type MISSING_IN_MIGRATION for migration")), noCategory.violations());

        InvalidCaseException hubField = assertThrows(InvalidCaseException.class,
                () -> service.open(hubIntake("GR", "runaway", Map.of("border", "Kakavia")), "hub-op"));
        assertEquals(List.of(new Violation("fields.border", "is not a field of center other-center", "field.unknown", List.of())),
                hubField.violations());
        assertEquals(0, service.search(CaseQuery.all()).total(), "nothing was written");
    }

    @Test
    void aHubSharesAnIntakeWithTheNationalCenterWhenItsRoutingSaysSo() {
        centers.add(TestCenters.seec(Hub.Routing.SHARE));

        Case shared = service.open(hubIntake("GR", "runaway", Map.of()), "hub-op");

        assertEquals(TestCenters.SEEC, shared.centerId());
        assertEquals("runaway", shared.category());
        assertEquals("GR", shared.country());
        assertEquals("SEEC-2026-00001", shared.number(), "the hub's own scheme: it has no rules for GR");
        assertEquals(List.of(TestCenters.OTHER), shared.sharedWith());
        assertEquals(shared, service.find(shared.id()).orElseThrow());
        TimelineEvent routed = service.timeline(shared.id()).get(1);
        assertEquals(TimelineEvent.ROUTED, routed.kind());
        assertEquals("shared with other-center", routed.note());
    }

    @Test
    void aHubHandlesAMemberWithoutNationalCenterUnderItsRulesForThatCountry() {
        Case first = service.open(hubIntake("AL", "runaway", Map.of("last-seen", "2026-02-27")), "hub-op");
        assertEquals(TestCenters.SEEC, first.centerId());
        assertEquals("AL", first.country());
        assertEquals("SEEC-AL-2026-0001", first.number());
        assertEquals(List.of(TimelineEvent.OPENED), service.timeline(first.id()).stream().map(TimelineEvent::kind).toList());
        assertEquals("SEEC-AL-2026-0002",
                service.open(hubIntake("AL", "migration", Map.of("last-seen", "2026-02-27")), "hub-op").number());

        centers.add(TestCenters.seec(Hub.Routing.SHARE));
        assertEquals("SEEC-2026-00001", service.open(hubIntake("RO", "runaway", Map.of()), "hub-op").number(),
                "the hub's own sequence is not the AL one");
        assertEquals("SEEC-AL-2026-0003",
                service.open(hubIntake("AL", "runaway", Map.of("last-seen", "2026-02-27")), "hub-op").number());

        assertEquals(List.of(new Violation("fields.last-seen", "is required at intake for a case in AL",
                "field.required-at-intake", List.of("AL"))),
                assertThrows(InvalidCaseException.class,
                        () -> service.open(hubIntake("AL", "runaway", Map.of()), "hub-op")).violations());
    }

    @Test
    void aHubRefusesAnIntakeWithoutOneOfItsMemberCountries() {
        assertEquals(List.of(new Violation("country", "is required at hub seec: one of its member countries GR, RO, AL")),
                assertThrows(InvalidCaseException.class,
                        () -> service.open(hubIntake(null, "runaway", Map.of()), "hub-op")).violations());
        assertEquals(List.of(new Violation("country", "XK is not a member country of hub seec; its members are GR, RO, AL")),
                assertThrows(InvalidCaseException.class,
                        () -> service.open(hubIntake("XK", "runaway", Map.of()), "hub-op")).violations(),
                "XK (Kosovo) is a country code, but not a member of this hub");
        assertEquals(List.of(new Violation("country", "XX is not an ISO 3166-1 alpha-2 country code")),
                assertThrows(InvalidCaseException.class,
                        () -> service.open(hubIntake("XX", "runaway", Map.of()), "hub-op")).violations());
        assertEquals(0, service.search(CaseQuery.all()).total());
    }

    @Test
    void aCenterSeesItsOwnAndSharedCasesAndAHubEveryCaseOfItsMemberCountries() {
        Map<String, Case> cases = openAcrossCenters();

        assertEquals(Set.of("be", "gr", "ro", "gr-transferred", "al-hub", "ro-shared"), visibleTo(cases, null));
        assertEquals(Set.of("gr", "ro", "gr-transferred", "al-hub", "ro-shared"), visibleTo(cases, TestCenters.SEEC),
                "the hub sees its member countries, whoever owns the case");
        assertEquals(Set.of("gr", "gr-transferred"), visibleTo(cases, TestCenters.OTHER),
                "its own, also those routed to it");
        assertEquals(Set.of("ro", "ro-shared"), visibleTo(cases, TestCenters.RO), "its own and those shared with it");
        assertEquals(Set.of("be"), visibleTo(cases, TestCenters.TEST));
        assertEquals(Set.of(), visibleTo(cases, "atlantis"), "an unknown viewer sees nothing");

        assertEquals(Set.of("ro", "ro-shared"), names(cases, service.search(CaseQuery.all()
                .withViewer(TestCenters.SEEC).withCountry("RO"))), "the viewer's scope and the criteria together");
        assertEquals(Set.of("gr-transferred"), names(cases, service.search(CaseQuery.all()
                .withViewer(TestCenters.SEEC).withCenter(TestCenters.OTHER).withText("oc/000002"))));
        assertEquals(Set.of(), names(cases, service.search(CaseQuery.all()
                .withViewer(TestCenters.OTHER).withCountry("RO"))));
        assertEquals(2, service.search(CaseQuery.all().withViewer(TestCenters.RO).withPage(0, 1)).total());
        // a page that is not full is the last one: its total comes from the page, and must be the same
        for (int offset = 0; offset <= 3; offset++) {
            assertEquals(2, service.search(CaseQuery.all().withViewer(TestCenters.RO).withPage(offset, 3)).total(),
                    "the total whatever the page, also past the last match (offset " + offset + ")");
        }
    }

    @Test
    void statisticsCountTheMatchingCasesTheViewerMaySee() {
        Map<String, Case> cases = openAcrossCenters();
        Case gr = cases.get("gr");
        service.perform(gr.id(), "close", gr.version(), Map.of(), null, "cw1");
        clock.set(MARCH_2026.plus(Duration.ofHours(5)));

        CaseStatistics all = service.statistics(CaseQuery.all());
        assertEquals(6, all.total());
        assertEquals(5, all.open());
        assertEquals(1, all.overdue(), "the BE case waits for the police past its deadline");
        assertEquals(Map.of("BE", 1L, "GR", 2L, "RO", 2L, "AL", 1L), all.byCountry());
        assertEquals(Map.of(CaseType.RUNAWAY, 5L, CaseType.LOST_INJURED_OR_OTHERWISE_MISSING, 1L), all.byType());
        assertEquals(Map.of("reported", 1L, "new", 4L, "closed", 1L), all.byStatus());

        CaseStatistics hub = service.statistics(CaseQuery.all().withViewer(TestCenters.SEEC));
        assertEquals(new CaseStatistics(5, 4, 0, Map.of("GR", 2L, "RO", 2L, "AL", 1L),
                Map.of(CaseType.RUNAWAY, 4L, CaseType.LOST_INJURED_OR_OTHERWISE_MISSING, 1L),
                Map.of("new", 4L, "closed", 1L)), hub);
        assertEquals(new CaseStatistics(2, 2, 0, Map.of("RO", 2L), Map.of(CaseType.RUNAWAY, 2L), Map.of("new", 2L)),
                service.statistics(CaseQuery.all().withViewer(TestCenters.RO)));
        assertEquals(new CaseStatistics(1, 1, 1, Map.of("BE", 1L), Map.of(CaseType.RUNAWAY, 1L), Map.of("reported", 1L)),
                service.statistics(CaseQuery.all().withOverdue(true)));
        CaseStatistics notOverdue = service.statistics(CaseQuery.all().withOverdue(false));
        assertEquals(5, notOverdue.total());
        assertEquals(0, notOverdue.overdue());
        assertEquals(new CaseStatistics(0, 0, 0, Map.of(), Map.of(), Map.of()),
                service.statistics(CaseQuery.all().withViewer(TestCenters.OTHER).withCountry("AL")));
    }

    @Test
    void slaTimersStartWhenTheCaseEntersTheirStartStateAndAreMetByTheirStates() {
        Case opened = open();
        Instant openedAt = opened.openedAt();
        assertEquals(List.of(new SlaStatus(TestCenters.POLICE_INFORMED, openedAt.plus(Duration.ofHours(4)), null, null)),
                opened.slas(), "the initial state starts its SLA at once");

        clock.set(openedAt.plus(Duration.ofHours(1)));
        Case investigating = service.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "cw1");
        Instant investigatedAt = service.timeline(opened.id()).get(1).at();
        assertEquals(List.of(
                new SlaStatus(TestCenters.POLICE_INFORMED, openedAt.plus(Duration.ofHours(4)), investigatedAt, null),
                new SlaStatus(TestCenters.REVIEW, investigatedAt.plus(Duration.ofDays(30)), null, null)),
                investigating.slas());
        Case noted = service.perform(opened.id(), "add-note", 1, Map.of(), "called the school", "cw1");
        assertEquals(investigating.slas(), noted.slas(), "entering the start state again restarts nothing");
        assertEquals(noted, service.find(opened.id()).orElseThrow());
    }

    @Test
    void theOverdueFilterFindsOpenCasesWithAnUnmetTimerPastItsDeadline() {
        Case waiting = open();
        Case informed = open();
        service.perform(informed.id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "cw1");
        Case otherCenter = service.open(otherIntake(), "op2");

        clock.set(MARCH_2026.plus(Duration.ofHours(3)));
        assertEquals(List.of(), ids(service.search(CaseQuery.all().withOverdue(true))), "not yet");

        clock.set(MARCH_2026.plus(Duration.ofHours(5)));
        assertEquals(List.of(waiting.id()), ids(service.search(CaseQuery.all().withOverdue(true))));
        assertEquals(List.of(otherCenter.id(), informed.id()), ids(service.search(CaseQuery.all().withOverdue(false))));
        assertEquals(List.of(), ids(service.search(CaseQuery.all().withOverdue(true).withViewer(TestCenters.OTHER))));
    }

    @Test
    void escalationEscalatesEachOverdueTimerExactlyOnceWhenTwoNodesRunItTogether() throws Exception {
        List<Case> opened = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            opened.add(open());
        }
        Case informed = service.perform(opened.get(0).id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "cw1");
        clock.set(MARCH_2026.plus(Duration.ofHours(5)));

        // a second node: its own connection pool on the same database
        try (Database secondNode = new StoreDatabase(settings())) {
            List<SlaEscalator> nodes = List.of(new SlaEscalator(database, clock), new SlaEscalator(secondNode, clock));
            CyclicBarrier together = new CyclicBarrier(nodes.size());
            ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (SlaEscalator node : nodes) {
                    runs.add(threads.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return node.escalateOverdue();
                    }));
                }
                int escalated = 0;
                for (Future<Integer> run : runs) {
                    escalated += run.get(60, TimeUnit.SECONDS);
                }
                assertEquals(19, escalated, "each overdue timer counted by exactly one node");
            } finally {
                threads.shutdownNow();
            }
            assertEquals(0, nodes.get(1).escalateOverdue(), "nothing is escalated twice");
        }

        for (Case c : opened.subList(1, opened.size())) {
            List<TimelineEvent> escalations = service.timeline(c.id()).stream()
                    .filter(e -> e.kind().equals(TimelineEvent.ESCALATED)).toList();
            assertEquals(1, escalations.size(), c.number());
            TimelineEvent escalation = escalations.get(0);
            assertEquals("platform", escalation.actor());
            Instant deadline = c.openedAt().plus(Duration.ofHours(4));
            assertEquals("SLA police-informed was due " + deadline + " and is not met; escalated to supervisor",
                    escalation.note());
            Case stored = service.find(c.id()).orElseThrow();
            assertEquals(0, stored.version(), "escalating leaves the version staff work with alone");
            assertEquals(escalation.at(), stored.slas().get(0).escalatedAt());
        }
        assertEquals(informed, service.find(informed.id()).orElseThrow(), "a met timer is not escalated");

        Case escalated = opened.get(1);
        Case acted = service.perform(escalated.id(), "investigate", escalated.version(), Map.of("police-ref", "PV-2"),
                null, "cw1");
        assertEquals(1, acted.version(), "a change based on the version read before the escalation goes through");
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.ESCALATED, TimelineEvent.ACTION),
                service.timeline(escalated.id()).stream().map(TimelineEvent::kind).toList());
        assertTrue(acted.slas().get(0).escalatedAt() != null && acted.slas().get(0).metAt() != null,
                "met late, and still shows it was escalated");
    }

    @Test
    void migrateMovesTheOpenCasesOfAVersionOntoTheCurrentOneWithTheirTimeline() {
        // the plugin as it was: version 1 only
        centers.add(TestCenters.testCenter(TestCenters.missingV1()));
        Case waiting = open();
        Case searching = service.perform(open().id(), "search", 0, Map.of(), null, "cw1");
        Case done = service.perform(open().id(), "finish", 0, Map.of(), null, "cw1");
        assertEquals(1, waiting.workflowVersion());
        assertEquals(List.of(), waiting.slas());

        // updated to version 2, which no longer declares version 1
        centers.add(TestCenters.testCenter(TestCenters.missingV2()));
        Case onV2 = open();
        CaseException readOnly = assertThrows(CaseException.class,
                () -> service.perform(waiting.id(), "search", 0, Map.of(), null, "cw1"));
        assertFalse(readOnly instanceof InvalidCaseException);
        assertEquals("case TC-2026-0001 runs under workflow missing version 1, which center test-center no longer "
                + "declares; the case is read-only until it is migrated", readOnly.getMessage());
        assertEquals(waiting, service.find(waiting.id()).orElseThrow(), "still readable");

        clock.set(MARCH_2026.plus(Duration.ofDays(1)));
        assertEquals(2, service.migrate(TestCenters.TEST, "missing", 1, "admin"));

        Case migrated = service.find(waiting.id()).orElseThrow();
        assertEquals(2, migrated.workflowVersion());
        assertEquals("reported", migrated.status());
        assertEquals(1, migrated.version());
        TimelineEvent event = service.timeline(waiting.id()).get(1);
        assertEquals(TimelineEvent.MIGRATED, event.kind());
        assertEquals("admin", event.actor());
        assertEquals("open", event.fromStatus());
        assertEquals("reported", event.toStatus());
        assertEquals("workflow v1 → v2", event.note());
        assertEquals(List.of(new SlaStatus(TestCenters.POLICE_INFORMED, event.at().plus(Duration.ofHours(4)), null,
                null)), migrated.slas(), "the SLA of the state it entered starts");

        assertEquals("investigating", service.find(searching.id()).orElseThrow().status());
        assertEquals(done, service.find(done.id()).orElseThrow(), "closed cases stay where they are");
        assertEquals(onV2, service.find(onV2.id()).orElseThrow(), "cases of the current version stay as they are");
        assertEquals("investigating", service.perform(waiting.id(), "investigate", 1, Map.of("police-ref", "PV-1"),
                null, "cw1").status(), "a migrated case can be worked again");
        assertEquals(0, service.migrate(TestCenters.TEST, "missing", 1, "admin"), "nothing left on version 1");
    }

    @Test
    void migrateIsRefusedUnlessTheCurrentVersionDeclaresAMigrationFromThatVersion() {
        assertEquals(List.of(new Violation("fromVersion", "version 2 of workflow missing of center test-center "
                + "declares no migration from version 3")), assertThrows(InvalidCaseException.class,
                () -> service.migrate(TestCenters.TEST, "missing", 3, "admin")).violations());
        assertEquals(List.of(new Violation("workflowId", "center test-center declares no workflow ufo")),
                assertThrows(InvalidCaseException.class,
                        () -> service.migrate(TestCenters.TEST, "ufo", 1, "admin")).violations());
        assertEquals(List.of(new Violation("centerId", "no installed center plugin declares center atlantis")),
                assertThrows(InvalidCaseException.class,
                        () -> service.migrate("atlantis", "missing", 1, "admin")).violations());
    }

    /**
     * Opens one case for each way a case comes to a center: by its own intake (be, gr, ro), transferred by the
     * hub (gr-transferred), kept by the hub (al-hub) and shared by the hub (ro-shared).
     */
    private Map<String, Case> openAcrossCenters() {
        Map<String, Case> cases = new HashMap<>();
        cases.put("be", open());
        cases.put("gr", service.open(otherIntake(), "op2"));
        cases.put("ro", service.open(new NewCase(TestCenters.RO, "fuga", null, RiskLevel.MEDIUM, "left school",
                Map.of(), List.of(person(PersonRole.CHILD, "Popescu", "Ana"))), "op3"));
        cases.put("gr-transferred", service.open(hubIntake("GR", "runaway", Map.of()), "hub-op"));
        cases.put("al-hub", service.open(hubIntake("AL", "runaway", Map.of("last-seen", "2026-02-27")), "hub-op"));
        centers.add(TestCenters.seec(Hub.Routing.SHARE));
        cases.put("ro-shared", service.open(hubIntake("RO", "runaway", Map.of()), "hub-op"));
        centers.add(TestCenters.seec(Hub.Routing.TRANSFER));
        assertEquals(TestCenters.OTHER, cases.get("gr-transferred").centerId());
        assertEquals(List.of(TestCenters.RO), cases.get("ro-shared").sharedWith());
        return cases;
    }

    @Test
    void updateFieldsChecksTheCentersRulesAndIsOnTheTimeline() {
        Case opened = open();

        Case updated = service.updateFields(opened.id(), 0, Map.of("nationality", "BE", "police-ref", "PV-9"), "cw1");
        assertEquals(1, updated.version());
        assertEquals(Map.of("last-seen", "2026-02-28", "nationality", "BE", "police-ref", "PV-9"), updated.fields());
        TimelineEvent event = service.timeline(opened.id()).get(1);
        assertEquals(TimelineEvent.FIELDS_UPDATED, event.kind());
        assertEquals("cw1", event.actor());
        assertEquals("nationality, police-ref", event.note(), "the timeline names the fields, not their values");

        Map<String, String> clearPoliceRef = new HashMap<>();
        clearPoliceRef.put("police-ref", null);
        assertEquals(Map.of("last-seen", "2026-02-28", "nationality", "BE"),
                service.updateFields(opened.id(), 1, clearPoliceRef, "cw1").fields(), "a null value clears the field");

        Map<String, String> clearLastSeen = new HashMap<>();
        clearLastSeen.put("last-seen", null);
        clearLastSeen.put("colour", "red");
        clearLastSeen.put("nationality", "Belgium");
        InvalidCaseException invalid = assertThrows(InvalidCaseException.class,
                () -> service.updateFields(opened.id(), 2, clearLastSeen, "cw1"));
        assertEquals(List.of("fields.colour", "fields.nationality", "fields.last-seen"),
                invalid.violations().stream().map(Violation::field).toList());
        assertEquals(inState("last-seen", "reported"), invalid.violations().get(2));
        assertThrows(InvalidCaseException.class, () -> service.updateFields(opened.id(), 2, Map.of(), "cw1"));
        assertThrows(StaleCaseException.class,
                () -> service.updateFields(opened.id(), 0, Map.of("police-ref", "PV-OLD"), "cw2"));
        assertEquals(2, service.find(opened.id()).orElseThrow().version(), "refused changes write nothing");
        assertEquals(3, service.timeline(opened.id()).size());
    }

    @Test
    void assignSetsAndClearsTheAssigneeAndSearchFindsTheCasesOfAnAssignee() {
        Case first = open();
        Case second = open();

        Case assigned = service.assign(first.id(), 0, "alice", "sup1");
        assertEquals("alice", assigned.assignee());
        assertEquals(1, assigned.version());
        TimelineEvent event = service.timeline(first.id()).get(1);
        assertEquals(TimelineEvent.ASSIGNED, event.kind());
        assertEquals("sup1", event.actor());
        assertEquals("alice", event.note());
        service.assign(second.id(), 0, "bob", "sup1");

        assertEquals(List.of(first.id()), ids(service.search(CaseQuery.all().withAssignee("alice"))));
        assertEquals(2, service.search(CaseQuery.all()).total());

        assertThrows(StaleCaseException.class, () -> service.assign(first.id(), 0, "bob", "sup2"));
        assertEquals("alice", service.find(first.id()).orElseThrow().assignee(), "the loser overwrote nothing");
        assertThrows(InvalidCaseException.class, () -> service.assign(first.id(), 1, " ", "sup1"));
        assertNull(service.assign(first.id(), 1, null, "sup1").assignee());
        assertEquals(0, service.search(CaseQuery.all().withAssignee("alice")).total());
    }

    @Test
    void addPersonLinksAPersonAfterTheOthers() {
        Case opened = open();

        Case after = service.addPerson(opened.id(), 0, new PersonDetails(PersonRole.CONTACT, "<script>alert(1)</script>",
                "Jan", Sex.MALE, null, null, "+32 2 555 00 00"), "cw1");
        assertEquals(3, after.persons().size());
        assertEquals("<script>alert(1)</script>", after.persons().get(2).details().familyName(),
                "stored as given: escaping is the job of whoever renders it");
        assertEquals(after, service.find(opened.id()).orElseThrow());
        assertEquals(TimelineEvent.PERSON_ADDED, service.timeline(opened.id()).get(1).kind());

        InvalidCaseException tooLong = assertThrows(InvalidCaseException.class, () -> service.addPerson(opened.id(),
                1, new PersonDetails(PersonRole.CONTACT, "x".repeat(201), null, null, null, null, null), "cw1"));
        assertEquals("familyName", tooLong.violations().get(0).field());
        assertThrows(StaleCaseException.class, () -> service.addPerson(opened.id(), 0,
                new PersonDetails(PersonRole.CONTACT, "Late", null, null, null, null, null), "cw2"));
        assertEquals(3, service.find(opened.id()).orElseThrow().persons().size());
    }

    @Test
    void notesAreAppendedWithAuthorAndTimeAndLeaveTheCaseVersionAlone() {
        Case opened = open();

        Note first = service.addNote(opened.id(), "mother called back", "op1");
        Note second = service.addNote(opened.id(), "school visited", "cw1");
        assertEquals("op1", first.author());
        assertTrue(first.at().isBefore(second.at()));
        assertEquals(List.of(first, second), service.notes(opened.id()));
        assertEquals(0, service.find(opened.id()).orElseThrow().version());

        assertThrows(InvalidCaseException.class, () -> service.addNote(opened.id(), "  ", "cw1"));
        UUID unknown = UUID.randomUUID();
        assertThrows(CaseNotFoundException.class, () -> service.addNote(unknown, "lost", "cw1"));
        assertThrows(CaseNotFoundException.class, () -> service.notes(unknown));
        assertEquals(2, service.notes(opened.id()).size());
    }

    @Test
    void impossibleBirthDatesAndEndlessTextsAreRefusedAndNothingIsWritten() {
        // before: intake stored children born in 2999 and 1800, and a risk reason of 900 kB
        PersonDetails future = new PersonDetails(PersonRole.CHILD, "Peeters", "Lotte", null, LocalDate.of(2999, 1, 1),
                null, null);
        PersonDetails ancient = new PersonDetails(PersonRole.CHILD, "Peeters", "Lotte", null, LocalDate.of(1800, 1, 1),
                "x".repeat(4001), null);
        NewCase intake = new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "r".repeat(900_000),
                Map.of("last-seen", "2026-02-28"), List.of(future, ancient));
        List<Violation> refused = assertThrows(InvalidCaseException.class, () -> service.open(intake, "op1"))
                .violations();
        assertEquals(List.of("riskReason", "persons[0].dateOfBirth", "persons[1].description",
                "persons[1].dateOfBirth"), refused.stream().map(Violation::field).toList());
        // the test clock stands in March 2026: tomorrow in UTC is the latest birth, 120 years before it the earliest
        assertEquals(new Violation("persons[0].dateOfBirth", "2999-01-01 is not between 1906-03-02 and 2026-03-02",
                "field.date-out-of-range", List.of("2999-01-01", "1906-03-02", "2026-03-02")), refused.get(1));
        Case opened = open();
        assertThrows(InvalidCaseException.class, () -> service.addPerson(opened.id(), opened.version(), future, "cw1"));
        assertEquals(1, service.search(CaseQuery.all()).total(), "nothing but the one good case was written");
    }

    @Test
    void attachmentsAreStoredWithTheirDigestAndTypeDetectedFromTheContent() throws Exception {
        Case opened = open();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

        Attachment photo = service.attach(opened.id(), "C:\\photos\\emma.png", "image/png", png.length,
                new ByteArrayInputStream(png), "cw1");
        assertEquals("emma.png", photo.filename(), "the folder part of the name is dropped");
        assertEquals("image/png", photo.contentType());
        assertEquals(png.length, photo.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), photo.sha256());
        Attachment note = service.attach(opened.id(), "statement.txt", "text/plain; charset=UTF-8", -1,
                new ByteArrayInputStream("Verklaring – été".getBytes(StandardCharsets.UTF_8)), "cw1");
        assertEquals("text/plain", note.contentType());

        assertEquals(List.of(photo, note), service.attachments(opened.id()));
        AttachmentContent content = service.attachmentContent(opened.id(), photo.id()).orElseThrow();
        assertEquals(photo, content.attachment());
        assertArrayEquals(png, content.content());
        assertTrue(service.attachmentContent(opened.id(), UUID.randomUUID()).isEmpty());
        assertTrue(service.attachmentContent(open().id(), photo.id()).isEmpty(), "only through its own case");
        assertEquals(0, service.find(opened.id()).orElseThrow().version());

        // before: a CR, an LF and the right-to-left override were stored as sent
        Attachment named = service.attach(open().id(), "pho\r\nto\u202Egnp.exe\u0000", "image/png", png.length,
                new ByteArrayInputStream(png), "cw1");
        assertEquals("photognp.exe", named.filename(), "no control or direction characters in a stored name");
    }

    @Test
    void attachmentsOfTheWrongTypeOrSizeAreRefusedAndNothingIsStored() {
        CaseServiceImpl small = new CaseServiceImpl(database, centers, pluginCalls, clock, 16);
        Case opened = open();
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

        assertRefused(AttachmentRefusedException.Reason.UNSUPPORTED_CONTENT,
                () -> small.attach(opened.id(), "report.pdf", "application/pdf", elf.length, new ByteArrayInputStream(elf), "cw1"));
        assertRefused(AttachmentRefusedException.Reason.UNSUPPORTED_CONTENT, () -> small.attach(opened.id(), "run.txt",
                "text/plain", -1, new ByteArrayInputStream("#!/bin/sh\nid\n".getBytes(StandardCharsets.UTF_8)), "cw1"));
        assertRefused(AttachmentRefusedException.Reason.UNSUPPORTED_CONTENT,
                () -> small.attach(opened.id(), "empty.txt", "text/plain", 0, new ByteArrayInputStream(new byte[0]), "cw1"));
        assertRefused(AttachmentRefusedException.Reason.TYPE_MISMATCH,
                () -> small.attach(opened.id(), "photo.png", "image/png", pdf.length, new ByteArrayInputStream(pdf), "cw1"));
        // announced too large: refused before a single byte is read
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the content of an announced oversized file must not be read");
            }
        };
        assertRefused(AttachmentRefusedException.Reason.TOO_LARGE,
                () -> small.attach(opened.id(), "big.pdf", "application/pdf", 17, unread, "cw1"));
        // not announced: read up to the limit and one byte more, no further
        CountingStream endless = new CountingStream();
        assertRefused(AttachmentRefusedException.Reason.TOO_LARGE,
                () -> small.attach(opened.id(), "big.pdf", "application/pdf", -1, endless, "cw1"));
        assertEquals(17, endless.read);

        assertEquals(List.of(), service.attachments(opened.id()));
        assertEquals(1, small.attach(opened.id(), "report.pdf", null, -1, new ByteArrayInputStream(pdf), "cw1").size()
                / pdf.length, "a file within the limit and without a declared type is taken as detected");
    }

    @Test
    void searchSortsByTheRequestedKeyAndBreaksTiesNewestFirst() {
        Case low = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "calm", Map.of(
                "last-seen", "2026-02-28"), List.of(person(PersonRole.CHILD, "A", "A"))), "op1");
        Case critical = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.CRITICAL, "danger",
                Map.of("last-seen", "2026-02-28"), List.of(person(PersonRole.CHILD, "B", "B"))), "op1");
        Case medium = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.MEDIUM, "unclear",
                Map.of("last-seen", "2026-02-28"), List.of(person(PersonRole.CHILD, "C", "C"))), "op1");
        service.perform(low.id(), "investigate", 0, Map.of("police-ref", "PV"), null, "cw1");

        assertEquals(List.of(medium.id(), critical.id(), low.id()), ids(service.search(CaseQuery.all())));
        assertEquals(List.of(low.id(), critical.id(), medium.id()), ids(service.search(CaseQuery.all()
                .withOrder(new CaseQuery.Order(CaseQuery.SortKey.OPENED_AT, false)))));
        assertEquals(List.of(critical.id(), medium.id(), low.id()), ids(service.search(CaseQuery.all()
                .withOrder(new CaseQuery.Order(CaseQuery.SortKey.RISK, true)))), "by urgency, not alphabet");
        assertEquals(List.of(low.id(), critical.id(), medium.id()), ids(service.search(CaseQuery.all()
                .withOrder(new CaseQuery.Order(CaseQuery.SortKey.NUMBER, false)))));
        assertEquals(List.of(low.id(), medium.id(), critical.id()), ids(service.search(CaseQuery.all()
                .withOrder(new CaseQuery.Order(CaseQuery.SortKey.STATUS, false)))),
                "investigating before reported, then newest first");
    }

    @Test
    void searchTakesWildcardsAndQuotesInTheTextLiterally() {
        open();
        for (String hostile : List.of("' OR 1=1 --", "%", "_", "!", "\\")) {
            assertEquals(0, service.search(CaseQuery.all().withText(hostile)).total(), hostile);
        }
        service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "calm", Map.of(
                "last-seen", "2026-02-28"), List.of(person(PersonRole.CHILD, "O'Brien_100%", "Liam"))), "op1");
        assertEquals(1, service.search(CaseQuery.all().withText("O'Brien_100%")).total(), "as written");
        assertEquals(1, service.search(CaseQuery.all().withText("o'b")).total(), "its beginning");
        assertEquals(0, service.search(CaseQuery.all().withText("o'b_ien")).total(), "_ is no wildcard");
        assertEquals(0, service.search(CaseQuery.all().withText("o%en")).total(), "% is no wildcard");
    }

    @Test
    void theRiskLevelFilterFindsOnlyVisibleCasesAtThatLevel() {
        Map<String, Case> cases = openAcrossCenters();

        assertEquals(Set.of("be", "gr-transferred", "al-hub", "ro-shared"), names(cases,
                service.search(CaseQuery.all().withRiskLevel(RiskLevel.HIGH))));
        CasePage hub = service.search(CaseQuery.all().withViewer(TestCenters.SEEC).withRiskLevel(RiskLevel.HIGH));
        assertEquals(Set.of("gr-transferred", "al-hub", "ro-shared"), names(cases, hub));
        assertEquals(3, hub.total(), "counts only what the hub sees");
        assertEquals(Set.of("ro-shared"), names(cases, service.search(CaseQuery.all().withViewer(TestCenters.RO)
                .withRiskLevel(RiskLevel.HIGH))), "shared with it");
        assertEquals(Set.of("ro"), names(cases, service.search(CaseQuery.all().withViewer(TestCenters.RO)
                .withRiskLevel(RiskLevel.MEDIUM))));
        assertEquals(0, service.search(CaseQuery.all().withViewer(TestCenters.TEST)
                .withRiskLevel(RiskLevel.MEDIUM)).total(), "the MEDIUM cases of others stay hidden");
        assertEquals(0, service.search(CaseQuery.all().withRiskLevel(RiskLevel.CRITICAL)).total());
        assertEquals(3, service.statistics(CaseQuery.all().withViewer(TestCenters.SEEC)
                .withRiskLevel(RiskLevel.HIGH)).total(), "statistics take the filter too");
    }

    @Test
    void theOpenedFilterTakesWholeUtcDaysBothIncluded() {
        clock.set(Instant.parse("2026-03-01T23:59:59.999999Z"));
        Case lastOfMarch1 = open();
        clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        Case firstOfMarch2 = open();
        clock.set(Instant.parse("2026-03-02T23:59:59.999999Z"));
        Case lastOfMarch2 = open();
        clock.set(Instant.parse("2026-03-03T00:00:00Z"));
        Case firstOfMarch3 = open();
        clock.set(Instant.parse("2026-03-02T12:00:00Z"));
        Case otherCenter = service.open(otherIntake(), "op2");
        LocalDate march2 = LocalDate.of(2026, 3, 2);

        assertEquals(List.of(lastOfMarch2.id(), otherCenter.id(), firstOfMarch2.id()),
                ids(service.search(CaseQuery.all().withOpened(march2, march2))), "one day, both ends of it");
        CasePage own = service.search(CaseQuery.all().withViewer(TestCenters.TEST).withOpened(march2, march2));
        assertEquals(List.of(lastOfMarch2.id(), firstOfMarch2.id()), ids(own));
        assertEquals(2, own.total());
        assertEquals(List.of(otherCenter.id()), ids(service.search(CaseQuery.all().withViewer(TestCenters.OTHER)
                .withOpened(march2, march2))));
        assertEquals(List.of(firstOfMarch3.id(), lastOfMarch2.id(), firstOfMarch2.id()), ids(service.search(
                CaseQuery.all().withViewer(TestCenters.TEST).withOpened(march2, null))), "from a day on");
        assertEquals(List.of(lastOfMarch1.id()), ids(service.search(CaseQuery.all().withViewer(TestCenters.TEST)
                .withOpened(null, LocalDate.of(2026, 3, 1)))), "up to a day");
        assertEquals(List.of(), ids(service.search(CaseQuery.all().withViewer(TestCenters.OTHER)
                .withOpened(LocalDate.of(2026, 3, 3), null))));
        assertEquals(Map.of("BE", 2L), service.statistics(CaseQuery.all().withViewer(TestCenters.TEST)
                .withOpened(march2, march2)).byCountry(), "statistics take the filter too");
        assertThrows(IllegalArgumentException.class, () -> CaseQuery.all().withOpened(march2, march2.minusDays(1)));
    }

    @Test
    void theBornFilterFindsCasesWithOnePersonBornWithinBothBounds() {
        Map<String, Case> cases = openAcrossCenters();
        // the BE case's child was born on 4 May 2012
        addBornPerson(cases, "gr", PersonRole.CHILD, LocalDate.of(2012, 12, 31));
        addBornPerson(cases, "al-hub", PersonRole.CHILD, LocalDate.of(2013, 1, 1));
        addBornPerson(cases, "ro-shared", PersonRole.REPORTER, LocalDate.of(1985, 7, 1));
        LocalDate from = LocalDate.of(2012, 1, 1);
        LocalDate to = LocalDate.of(2012, 12, 31);

        assertEquals(Set.of("be", "gr"), names(cases, service.search(CaseQuery.all().withBorn(from, to))));
        assertEquals(Set.of("be"), names(cases, service.search(CaseQuery.all().withViewer(TestCenters.TEST)
                .withBorn(from, to))));
        CasePage hub = service.search(CaseQuery.all().withViewer(TestCenters.SEEC).withBorn(from, to));
        assertEquals(Set.of("gr"), names(cases, hub));
        assertEquals(1, hub.total());
        assertEquals(Set.of(), names(cases, service.search(CaseQuery.all().withViewer(TestCenters.RO)
                .withBorn(from, to))));
        assertEquals(Set.of("ro-shared"), names(cases, service.search(CaseQuery.all().withViewer(TestCenters.RO)
                .withBorn(LocalDate.of(1985, 7, 1), LocalDate.of(1985, 7, 1)))), "any role, a day long");
        assertEquals(Set.of("al-hub"), names(cases, service.search(CaseQuery.all()
                .withBorn(LocalDate.of(2013, 1, 1), null))), "from a day on");
        assertEquals(Set.of("ro-shared"), names(cases, service.search(CaseQuery.all()
                .withBorn(null, LocalDate.of(2000, 1, 1)))), "up to a day; unknown dates never match");

        addBornPerson(cases, "be", PersonRole.REPORTER, LocalDate.of(1980, 3, 3));
        addBornPerson(cases, "be", PersonRole.CHILD, LocalDate.of(2012, 8, 8));
        assertEquals(Set.of(), names(cases, service.search(CaseQuery.all().withViewer(TestCenters.TEST)
                .withBorn(LocalDate.of(1990, 1, 1), LocalDate.of(2000, 1, 1)))),
                "one person born after 1990 and one before 2000 are not one person born between");
        CasePage twoChildren = service.search(CaseQuery.all().withViewer(TestCenters.TEST).withBorn(from, to));
        assertEquals(List.of(cases.get("be").id()), ids(twoChildren), "two persons match, the case is listed once");
        assertEquals(1, twoChildren.total());
        assertEquals(2, service.statistics(CaseQuery.all().withBorn(from, to)).total());
        assertThrows(IllegalArgumentException.class, () -> CaseQuery.all().withBorn(to, from));
    }

    @Test
    void theNewFiltersNarrowANameSearchTogether() {
        Case emma = open();
        clock.set(MARCH_2026.plus(Duration.ofDays(3)));
        Case younger = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.HIGH, "r",
                Map.of("last-seen", "2026-03-03"), List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Emma",
                        Sex.FEMALE, LocalDate.of(2016, 1, 9), null, null))), "op1");
        Case calm = service.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "r",
                Map.of("last-seen", "2026-03-03"), List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Emma",
                        Sex.FEMALE, LocalDate.of(2012, 5, 4), null, null))), "op1");
        CaseQuery janssens = CaseQuery.all().withViewer(TestCenters.TEST).withText("Emma Janssens");
        assertEquals(3, service.search(janssens).total());

        assertEquals(List.of(younger.id(), emma.id()), ids(service.search(janssens.withRiskLevel(RiskLevel.HIGH))));
        CasePage narrowed = service.search(janssens.withRiskLevel(RiskLevel.HIGH)
                .withOpened(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1))
                .withBorn(LocalDate.of(2012, 5, 4), LocalDate.of(2012, 5, 4)));
        assertEquals(List.of(emma.id()), ids(narrowed));
        assertEquals(List.of(io.homeward.casemodel.MatchReason.SAME_SPELLING), narrowed.matches().stream()
                .map(io.homeward.casemodel.SearchMatch::reason).toList(), "the reason still says how the name matched");
        assertEquals(List.of(calm.id()), ids(service.search(janssens.withRiskLevel(RiskLevel.LOW)
                .withBorn(LocalDate.of(2012, 1, 1), null).withOpened(LocalDate.of(2026, 3, 4), null))));
        assertEquals(0, service.search(janssens.withViewer(TestCenters.OTHER).withRiskLevel(RiskLevel.HIGH)).total());
    }

    @Test
    void theQueriesOfEarlierApiVersionsHaveNoneOfTheNewCriteria() {
        CaseQuery before = new CaseQuery("v", null, null, null, null, null, "x", 0, 10, "cw1",
                new CaseQuery.Order(CaseQuery.SortKey.RISK, true));
        assertEquals(CaseQuery.all().withViewer("v").withText("x").withPage(0, 10).withAssignee("cw1")
                .withOrder(new CaseQuery.Order(CaseQuery.SortKey.RISK, true)), before);
        assertNull(before.riskLevel());
        assertNull(before.openedFrom());
        assertNull(before.bornTo());
        CaseQuery narrowed = before.withRiskLevel(RiskLevel.LOW).withOpened(LocalDate.of(2026, 1, 1), null)
                .withBorn(null, LocalDate.of(2012, 1, 1));
        assertEquals(narrowed, narrowed.withText("x").withPage(0, 10).withViewer("v"), "every with… keeps the rest");
        assertEquals(RiskLevel.LOW, narrowed.withCountry("BE").withStatus("new").withType(CaseType.RUNAWAY)
                .withOverdue(true).withCenter("c").withAssignee(null).withOrder(null).riskLevel());
    }

    /** Adds a person born on the given day to one of the cases of {@link #openAcrossCenters()}. */
    private void addBornPerson(Map<String, Case> cases, String key, PersonRole role, LocalDate born) {
        Case c = service.find(cases.get(key).id()).orElseThrow();
        service.addPerson(c.id(), c.version(), new PersonDetails(role, "Born", key, null, born, null, null), "op");
    }

    private static void assertRefused(AttachmentRefusedException.Reason reason, org.junit.jupiter.api.function.Executable upload) {
        assertEquals(reason, assertThrows(AttachmentRefusedException.class, upload).reason());
    }

    /** An endless stream of PDF-looking bytes that counts how many were read. */
    private static final class CountingStream extends InputStream {
        private long read;

        @Override
        public int read() {
            return read++ == 0 ? '%' : 'x';
        }
    }

    private Set<String> visibleTo(Map<String, Case> cases, String viewer) {
        CasePage page = service.search(CaseQuery.all().withViewer(viewer).withPage(0, CaseQuery.MAX_LIMIT));
        assertEquals(page.cases().size(), page.total());
        return names(cases, page);
    }

    /** @return the names, in {@code cases}, of the cases on the page */
    private static Set<String> names(Map<String, Case> cases, CasePage page) {
        Set<UUID> ids = page.cases().stream().map(Case::id).collect(Collectors.toSet());
        return cases.entrySet().stream().filter(e -> ids.contains(e.getValue().id())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static NewCase hubIntake(String country, String category, Map<String, String> fields) {
        return new NewCase(TestCenters.SEEC, category, country, RiskLevel.HIGH, "seen near the border", fields,
                List.of(person(PersonRole.CHILD, "Hoxha", "Arta")));
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

    private static Violation inState(String field, String state) {
        return new Violation("fields." + field, "is required in state " + state, "field.required-in-state", List.of(state));
    }

    private static Violation notLinked(String personId) {
        return new Violation("fields.found-by", "'" + personId + "' is not the id of a person linked to this case",
                "field.not-a-person", List.of(personId));
    }

    private static PersonDetails person(PersonRole role, String familyName, String givenName) {
        return new PersonDetails(role, familyName, givenName, null, null, null, null);
    }

    private CasePage search(String center, String status, CaseType type, String text, int offset, int limit) {
        return service.search(CaseQuery.all().withCenter(center).withStatus(status).withType(type).withText(text)
                .withPage(offset, limit));
    }

    private static List<UUID> ids(CasePage page) {
        assertNotNull(page);
        return page.cases().stream().map(Case::id).toList();
    }
}
