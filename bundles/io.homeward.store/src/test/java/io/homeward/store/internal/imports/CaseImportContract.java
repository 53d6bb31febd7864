package io.homeward.store.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.security.AuditTrail;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.cases.TestGuards;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link CaseImporter} promises, against a real database: subclasses say which (H2 or PostgreSQL). One database
 * per class; every test starts from empty tables and an empty audit trail. Batches are small here (10 lines) so that
 * a few dozen lines span several transactions.
 */
public abstract class CaseImportContract extends DatabaseContract {

    private static final Instant MARCH_2026 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 10;

    private TestCenters centers;
    private TestClock clock;
    private CaseServiceImpl cases;
    private AuditLog audit;
    private CaseImporter importer;

    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_case_import", "hw_name_key", "hw_timeline_event", "hw_case_field", "hw_person",
                "hw_case_share", "hw_sla_timer", "hw_case", "hw_case_number", "hw_audit"));
        database.inTransaction(session -> session.createNativeMutationQuery(
                "update hw_audit_head set last_seq = 0, last_hash = :genesis").setParameter("genesis", AuditLog.GENESIS)
                .executeUpdate());
        centers = new TestCenters();
        clock = new TestClock(MARCH_2026);
        cases = new CaseServiceImpl(database, centers, new DirectPluginCalls(), clock);
        audit = new AuditLog(database, new CaseAccess(database, centers, clock), clock);
        importer = new CaseImporter(database, cases, centers, audit, clock, BATCH, 2);
    }

    @Test
    void goodLinesAreImportedAndEveryBadLineIsRefusedWithItsNumberAndReasonAndLeavesNothing() throws IOException {
        List<String> file = List.of(
                line(record("L-1", "Παπαδοπούλου", "Μαρία")),
                "{\"externalReference\": \"L-2\", \"openedAt\": ",
                line(with(record("L-3", "Petrović", "Ana"), "category", "kidnapping")),
                line(without(record("L-4", "Horvat", "Iva"), "externalReference", "riskReason")),
                line(with(record("L-5", "Krasniqi", "Drita"), "openedAt", "2019-13-45")),
                line(with(record("L-6", "Popescu", "Ioana"), "status", "lost-in-space")),
                line(record("L-1", "Duplicate", "Line")),
                "",
                line(closed(record("L-8", "Шевченко", "Олена"), "2020-01-02T08:30:00+02:00")),
                line(with(record("L-9", "Ionescu", "Elena"), "status", "closed")),
                line(with(record("L-10", "Dimitrova", "Vesela"), "closedAt", "2020-01-01")),
                line(with(record("L-11", "Nikolaidis", "Eleni"), "openedAt", "2031-01-01")),
                line(with(record("L-12", "Kovač", "Luka"), "unknownField", "x")),
                "[1, 2, 3]",
                line(with(record("L-14", "Babić", "Mia"), "centerId", TestCenters.OTHER)));

        ImportSummary summary = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> { });

        Map<Integer, String> refused = summary.refusals().stream()
                .collect(Collectors.toMap(ImportSummary.Refusal::line, ImportSummary.Refusal::reason));
        assertEquals(Set.of(2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15), refused.keySet(), refused.toString());
        assertTrue(refused.get(2).startsWith("malformed JSON"), refused.get(2));
        assertTrue(refused.get(3).contains("category: kidnapping is not a category of center test-center"),
                refused.get(3));
        assertTrue(refused.get(4).contains("externalReference: is required"), refused.get(4));
        assertTrue(refused.get(4).contains("riskReason"), "every reason of the line: " + refused.get(4));
        assertTrue(refused.get(5).contains("openedAt: '2019-13-45' is not a date"), refused.get(5));
        assertTrue(refused.get(6).contains("status: lost-in-space is not a state of workflow missing (version 2)"),
                refused.get(6));
        assertEquals("externalReference: L-1 is already on line 1 of this file", refused.get(7));
        assertTrue(refused.get(10).contains("closedAt: is required: closed is a terminal state"), refused.get(10));
        assertTrue(refused.get(10).contains("fields.outcome: is required in state closed"),
                "the state's required fields: " + refused.get(10));
        assertTrue(refused.get(11).contains("closedAt: must be left out"), refused.get(11));
        assertTrue(refused.get(12).contains("openedAt: is in the future"), refused.get(12));
        assertEquals("unknown field 'unknownField'", refused.get(13));
        assertEquals("a line must hold one JSON object, the intake of one case", refused.get(14));
        assertTrue(refused.get(15).contains("the import is for center test-center, this record names other-center"),
                refused.get(15));
        assertEquals(new ImportProgress(14, 2, 0, 12, summary.counts().elapsed()), summary.counts(),
                "the blank line is not counted");
        assertNull(summary.stopped());
        assertFalse(summary.complete());

        // the good lines, complete; nothing of the refused ones
        assertEquals(2L, count("select count(*) from hw_case"));
        assertEquals(2L, count("select count(*) from hw_case_import"));
        assertEquals(2L, count("select count(*) from hw_audit where action = 'CASE_IMPORTED'"));
        assertEquals(0L, count("select count(*) from hw_person p where not exists (select 1 from hw_name_key k"
                + " where k.person_id = p.id)"), "every person has name keys");
        assertEquals(0L, count("select count(*) from hw_sla_timer"), "imported cases start no SLA timer");

        Case first = byReference("L-1");
        assertEquals("TC-2019-0001", first.number(), "numbered in the year it was opened, in the center's scheme");
        assertEquals("reported", first.status());
        assertEquals(Instant.parse("2019-05-02T22:00:00Z"), first.openedAt(), "a date is its first moment in"
                + " Brussels");
        assertEquals(Map.of("last-seen", "2019-05-01"), first.fields());
        assertEquals(RiskLevel.HIGH, first.risk().level());
        assertEquals("console", first.risk().assessedBy());
        assertEquals(0, first.version());
        List<TimelineEvent> timeline = cases.timeline(first.id());
        assertEquals(List.of(TimelineEvent.OPENED), timeline.stream().map(TimelineEvent::kind).toList());
        assertEquals(first.openedAt(), timeline.get(0).at());
        assertEquals("reported", timeline.get(0).toStatus());
        assertTrue(timeline.get(0).note().startsWith("risk HIGH: left a note; has no money; imported "),
                timeline.get(0).note());
        assertTrue(timeline.get(0).note().endsWith(" from legacy record L-1 of center test-center (legacy.jsonl,"
                + " line 1)"), timeline.get(0).note());

        Case closed = byReference("L-8");
        assertEquals("TC-2019-0002", closed.number());
        assertEquals("closed", closed.status());
        assertEquals(Instant.parse("2020-01-02T06:30:00Z"), closed.closedAt());
        assertEquals("FOUND", closed.fields().get("outcome"));

        String detail = auditDetail(first.id());
        assertTrue(detail.startsWith("imported ") && detail.contains(" from legacy record L-1 of center test-center"
                + " (legacy.jsonl, line 1)\n"), detail);
        assertTrue(detail.contains("number: (none) → TC-2019-0001"), detail);
        assertTrue(verifiedAuditTrail().intact(), "the audit rows of a batch chain like any others");
    }

    @Test
    void anInterruptedImportResumedImportsTheRestAndNoRecordTwice() throws IOException {
        List<String> file = IntStream.rangeClosed(1, 95)
                .mapToObj(i -> line(record("R-" + i, "Παπαδόπουλος", "Νίκος"))).toList();
        AtomicInteger batches = new AtomicInteger();

        ImportSummary interrupted = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> {
                    if (batches.incrementAndGet() == 3) {
                        Thread.currentThread().interrupt();
                    }
                });
        assertTrue(Thread.interrupted(), "the interrupt flag stays set");

        long first = interrupted.counts().imported();
        assertNotNull(interrupted.stopped());
        assertTrue(interrupted.stopped().startsWith("interrupted"), interrupted.stopped());
        assertEquals(3 * BATCH, first, "the batch written when the interruption came committed; no other");
        assertEquals(first, count("select count(*) from hw_case"));
        assertEquals(first, count("select count(*) from hw_audit where action = 'CASE_IMPORTED'"));

        ImportSummary resumed = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> { });

        assertTrue(resumed.complete(), resumed.toString());
        assertEquals(95 - first, resumed.counts().imported());
        assertEquals(first, resumed.counts().skipped(), "what the first run imported is skipped, and counted");
        assertEquals(95L, count("select count(*) from hw_case"));
        assertEquals(95L, count("select count(distinct external_reference) from hw_case_import"));
        assertEquals(95L, count("select count(*) from hw_audit where action = 'CASE_IMPORTED'"));
        Set<String> numbers = new HashSet<>(numbers());
        assertEquals(IntStream.rangeClosed(1, 95).mapToObj(i -> "TC-2019-%04d".formatted(i))
                .collect(Collectors.toSet()), numbers, "numbers without gaps or repeats, across both runs");
        assertTrue(verifiedAuditTrail().intact());

        ImportSummary again = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> { });
        assertEquals(new ImportProgress(95, 0, 95, 0, again.counts().elapsed()), again.counts());
        assertEquals(95L, count("select count(*) from hw_case"));
    }

    @Test
    void aProgressListenerThatFailsStopsTheImportAfterTheBatchBeingWritten() throws IOException {
        List<String> file = IntStream.rangeClosed(1, 45).mapToObj(i -> line(record("P-" + i, "Horvat", "Iva")))
                .toList();
        Consumer<ImportProgress> clientGone = progress -> {
            throw new UncheckedIOException(new IOException("the client went away"));
        };

        ImportSummary summary = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                clientGone);

        assertTrue(summary.stopped().contains("the client went away"), summary.stopped());
        assertEquals(BATCH, summary.counts().imported(), "the first batch; the second was checked, never written");
        assertEquals(BATCH, count("select count(*) from hw_case"));
    }

    @Test
    void aBatchTheDatabaseRefusesLeavesNothingOfItAndTheImportStopsToBeResumed() throws IOException {
        List<String> file = IntStream.rangeClosed(1, 25).mapToObj(i -> line(record("B-" + i, "Horvat", "Iva")))
                .toList();
        Case other = cases.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.LOW, "a hotline call",
                Map.of("last-seen", "2026-02-28"), List.of(new PersonDetails(PersonRole.CHILD, "Kovač", "Luka", null,
                        null, null, null))), "worker");
        AtomicInteger batches = new AtomicInteger();
        // after the first batch, while the second is checked: another import takes one of its references
        Consumer<ImportProgress> concurrentImport = progress -> {
            if (batches.incrementAndGet() == 1) {
                database.inTransaction(session -> session.createNativeMutationQuery("insert into hw_case_import"
                        + " (center_id, external_reference, case_id, imported_at, run_id, line_number) values"
                        + " (:center, 'B-15', :case, :at, :run, 1)").setParameter("center", TestCenters.TEST)
                        .setParameter("case", other.id()).setParameter("at", MARCH_2026)
                        .setParameter("run", UUID.randomUUID()).executeUpdate());
            }
        };

        ImportSummary summary = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                concurrentImport);

        assertTrue(summary.stopped().startsWith("the database refused the batch of lines 11–20"), summary.stopped());
        assertEquals(BATCH, summary.counts().imported());
        assertEquals(BATCH + 1L, count("select count(*) from hw_case"), "the first batch and the other case");
        assertEquals(BATCH + 1L, count("select count(*) from hw_person"));
        assertEquals(BATCH + 1L, count("select count(*) from hw_timeline_event"));
        assertEquals(BATCH + 1L, count("select count(distinct person_id) from hw_name_key"));
        assertEquals((long) BATCH, count("select count(*) from hw_audit where action = 'CASE_IMPORTED'"));
        assertTrue(verifiedAuditTrail().intact(), "the refused batch's audit rows rolled back with it");

        ImportSummary resumed = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> { });
        assertTrue(resumed.complete(), resumed.toString());
        assertEquals(new ImportProgress(25, 14, 11, 0, resumed.counts().elapsed()), resumed.counts());
        assertEquals(List.of("TC-2019-0001", "TC-2019-0024"), List.of(numbers().stream().filter(n -> n.contains(
                "2019")).min(String::compareTo).orElseThrow(), numbers().stream().filter(n -> n.contains("2019"))
                .max(String::compareTo).orElseThrow()), "the refused batch gave its numbers back");
    }

    @Test
    void aDuplicateInALaterBatchIsRefusedAndNotImported() throws IOException {
        List<String> file = new ArrayList<>(IntStream.rangeClosed(1, 25)
                .mapToObj(i -> line(record("D-" + i, "Popescu", "Ana"))).toList());
        file.add(line(record("D-3", "Popescu", "Ana")));
        file.add(line(record("D-24", "Popescu", "Ana")));

        ImportSummary summary = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> { });

        assertEquals(List.of(new ImportSummary.Refusal(26, "externalReference: D-3 is already on line 3 of this file"),
                new ImportSummary.Refusal(27, "externalReference: D-24 is already on line 24 of this file")),
                summary.refusals());
        assertEquals(25L, count("select count(*) from hw_case"));
    }

    @Test
    void importedPersonsAreFoundByNameInAnyScript() throws IOException {
        List<String> file = List.of(
                line(record("N-1", "Παπαδοπούλου", "Μαρία")),
                line(record("N-2", "Шевченко", "Олена")),
                line(record("N-3", "Ștefănescu", "Ioana")),
                line(record("N-4", "Петровић", "Јована")));
        assertTrue(importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console", progress -> { })
                .complete());

        assertEquals(Set.of("N-1"), found("Papadopoulou Maria"));
        assertEquals(Set.of("N-2"), found("Shevchenko"));
        assertEquals(Set.of("N-3"), found("Stefanescu"));
        assertEquals(Set.of("N-4"), found("Petrovic Jovana"));
        assertEquals(Set.of("N-1"), found("Papadopulu"), "misspelt");
        CasePage page = cases.search(CaseQuery.all().withText("Μαρία"));
        assertEquals(1, page.total());
    }

    @Test
    void aFinishedImportHasPostgresqlVacuumAndAnalyzeEveryTableItFilled() throws IOException {
        assumeTrue(onPostgres(), "only PostgreSQL tells when a table was last vacuumed and analyzed");
        assertTrue(importer.importCases(TestCenters.TEST, file(List.of(line(record("V-1", "Horvat", "Iva")))),
                "legacy.jsonl", "console", progress -> { }).complete());

        List<String> notCounted = database.inTransaction(session -> session.createNativeQuery("select relname from"
                + " pg_stat_user_tables where schemaname = current_schema() and relname in (:tables)"
                + " and (last_vacuum is null or last_analyze is null) order by relname", String.class)
                .setParameterList("tables", List.of("hw_case", "hw_case_field", "hw_person", "hw_name_key",
                        "hw_timeline_event", "hw_audit", "hw_case_import")).getResultList());
        assertEquals(List.of(), notCounted, "a page of cases would be planned as if these tables were empty");
    }

    @Test
    void aHubsRecordRoutedToANationalCenterIsNumberedThereAndKeyedForTheHub() throws IOException {
        Map<String, Object> record = record("SEEC-GR-0815", "Ιωάννου", "Ελένη");
        record.put("category", "runaway");
        record.put("country", "GR");
        record.put("status", "new");
        record.put("fields", Map.of());

        ImportSummary summary = importer.importCases(TestCenters.SEEC, file(List.of(line(record))), "seec.jsonl",
                "console", progress -> { });

        assertTrue(summary.complete(), summary.toString());
        Case routed = cases.search(CaseQuery.all()).cases().get(0);
        assertEquals(TestCenters.OTHER, routed.centerId(), "routed as an intake would be");
        assertEquals("OC/000001/2019", routed.number());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.ROUTED),
                cases.timeline(routed.id()).stream().map(TimelineEvent::kind).toList());
        assertEquals(1L, count("select count(*) from hw_case_import where center_id = 'seec'"));
    }

    @Test
    void theCentersGuardsCheckEveryLineLikeAnIntake() throws IOException {
        TestGuards.bind(cases, TestCenters.TEST, "io.homeward.test 1.0.0", new CaseGuard() {
            @Override
            public List<Violation> checkIntake(NewCase intake) {
                return intake.persons().get(0).familyName().startsWith("X")
                        ? List.of(new Violation(null, "the hotline was not told")) : List.of();
            }
        });
        List<String> file = List.of(line(record("G-1", "Xenakis", "Ari")), line(record("G-2", "Horvat", "Iva")));

        ImportSummary summary = importer.importCases(TestCenters.TEST, file(file), "legacy.jsonl", "console",
                progress -> { });

        assertEquals(List.of(new ImportSummary.Refusal(1, "the hotline was not told")), summary.refusals());
        assertEquals(1L, count("select count(*) from hw_case"));
    }

    @Test
    void anUnknownCenterIsRefusedBeforeAnyLineIsRead() {
        InvalidCaseException e = assertThrows(InvalidCaseException.class, () -> importer.importCases("nowhere",
                file(List.of(line(record("U-1", "Horvat", "Iva")))), "legacy.jsonl", "console", progress -> { }));
        assertTrue(e.getMessage().contains("no installed center plugin declares center nowhere"), e.getMessage());
    }

    /** A good record of {@value TestCenters#TEST}: a runaway child reported on 3 May 2019, in state reported. */
    private static Map<String, Object> record(String reference, String familyName, String givenName) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("externalReference", reference);
        record.put("openedAt", "2019-05-03");
        record.put("status", "reported");
        record.put("category", "runaway");
        record.put("riskLevel", "HIGH");
        record.put("riskReason", "left a note; has no money");
        record.put("fields", Map.of("last-seen", "2019-05-01"));
        record.put("persons", List.of(Map.of("role", "CHILD", "familyName", familyName, "givenName", givenName,
                "sex", "FEMALE", "dateOfBirth", "2008-02-29")));
        return record;
    }

    private static Map<String, Object> closed(Map<String, Object> record, String closedAt) {
        record.put("status", "closed");
        record.put("closedAt", closedAt);
        record.put("fields", Map.of("last-seen", "2019-05-01", "police-ref", "PV-1", "outcome", "FOUND"));
        return record;
    }

    private static Map<String, Object> with(Map<String, Object> record, String member, Object value) {
        record.put(member, value);
        return record;
    }

    private static Map<String, Object> without(Map<String, Object> record, String... members) {
        for (String member : members) {
            record.remove(member);
        }
        return record;
    }

    private static String line(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream file(List<String> lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql) {
        return database.inTransaction(session -> session.createNativeQuery(sql, Long.class).getSingleResult());
    }

    private Case byReference(String reference) {
        UUID id = database.inTransaction(session -> session.createNativeQuery("select case_id from hw_case_import"
                + " where external_reference = :reference", UUID.class).setParameter("reference", reference)
                .getSingleResult());
        return cases.find(id).orElseThrow();
    }

    private List<String> numbers() {
        return database.inTransaction(session -> session.createNativeQuery("select case_number from hw_case",
                String.class).getResultList());
    }

    private String auditDetail(UUID caseId) {
        return database.inTransaction(session -> session.createNativeQuery("select detail from hw_audit where"
                + " case_id = :id and action = 'CASE_IMPORTED'", String.class).setParameter("id", caseId)
                .getSingleResult());
    }

    private AuditTrail.Verification verifiedAuditTrail() {
        return SubjectContext.callAs(Subject.system("test"), audit::verify);
    }

    /** @return the external references of the cases a name search finds */
    private Set<String> found(String text) {
        return cases.search(CaseQuery.all().withText(text)).cases().stream().map(c -> database.inTransaction(
                session -> session.createNativeQuery("select external_reference from hw_case_import where case_id"
                        + " = :id", String.class).setParameter("id", c.id()).getSingleResult()))
                .collect(Collectors.toSet());
    }
}
