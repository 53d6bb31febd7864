package io.homeward.store.internal.duplicates;

import static io.homeward.store.internal.TestSubjects.BE_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.GR_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.HUB_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.RO_OPERATOR;
import static io.homeward.store.internal.TestSubjects.RO_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.MatchReason;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.duplicate.Candidate;
import io.homeward.casemodel.duplicate.CaseLink;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.AuditEntry;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import io.homeward.store.internal.cases.CaseServiceImpl;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of possible duplicates on a real database: candidates across scripts and only among readable cases,
 * same-child and not-the-same decisions on both timelines and in the audit trail, undone with a reason.
 */
abstract class DuplicatesContract extends DatabaseContract {

    private static final LocalDate BORN = LocalDate.of(2012, 5, 4);

    private AuditLog audit;
    private AuthorizedCaseService cases;
    private DuplicateServiceImpl duplicates;

    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_case_link", "hw_name_key", "hw_timeline_event", "hw_case_field", "hw_person",
                "hw_case_share", "hw_sla_timer", "hw_case_note", "hw_attachment_content", "hw_attachment", "hw_case",
                "hw_case_number", "hw_audit"));
        database.inTransaction(session -> session.createNativeMutationQuery("update hw_audit_head set last_seq = 0,"
                + " last_hash = :genesis").setParameter("genesis", AuditLog.GENESIS).executeUpdate());
        TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
        TestCenters centers = new TestCenters();
        CaseAccess access = new CaseAccess(database, centers, clock);
        audit = new AuditLog(database, access, clock);
        CaseServiceImpl store = new CaseServiceImpl(database, centers, new DirectPluginCalls(), clock);
        cases = new AuthorizedCaseService(store, access, audit);
        duplicates = new DuplicateServiceImpl(database, store, access, audit, clock);
    }

    @Test
    void anIntakeIsShownTheCasesOfTheSameChildItMayReadBestFirst() {
        Case ana = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu", "Ana", BORN)), "ro.supervisor"));
        Case namesake = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu", "Ana", null)), "ro.supervisor"));
        Case greek = as(GR_SUPERVISOR, () -> cases.open(gr(child("Ποπέσκου", "Άννα", BORN)), "gr.supervisor"));

        List<Candidate> found = as(RO_OPERATOR, () -> duplicates.candidates("Popescu", "Ana", BORN, 10));
        assertEquals(List.of(ana.id(), namesake.id()), found.stream().map(Candidate::caseId).toList(),
                "the same date of birth first; the Greek center's case is not the Romanian center's to see");
        assertEquals(List.of(MatchReason.SAME_SPELLING, MatchReason.SAME_DATE_OF_BIRTH), found.get(0).reasons());
        assertTrue(found.get(0).score() > found.get(1).score());
        assertEquals(ana.persons().get(0).id(), found.get(0).personId());
        assertEquals("Popescu", found.get(0).familyName());
        assertEquals(List.of(ana.id()), as(RO_OPERATOR, () -> duplicates.candidates("Popescu", "Ana", BORN, 1))
                .stream().map(Candidate::caseId).toList(), "the best one even when one is asked for and a namesake"
                        + " is newer: the date of birth is ranked by the search, not after it");

        List<Candidate> atTheHub = as(HUB_SUPERVISOR, () -> duplicates.candidates("Ana", "Popescu", BORN, 10));
        assertEquals(Set.of(ana.id(), namesake.id(), greek.id()),
                Set.copyOf(atTheHub.stream().map(Candidate::caseId).toList()), "the hub sees its members' cases,"
                        + " in any script and any order of the names");
        assertEquals(List.of(), as(BE_SUPERVISOR, () -> duplicates.candidates("Popescu", "Ana", BORN, 10)));
        assertEquals(List.of(), as(RO_OPERATOR, () -> duplicates.candidates(" ", null, BORN, 10)),
                "no name, no candidates: a date of birth alone proposes nothing");
        assertThrows(IllegalArgumentException.class, () -> as(RO_OPERATOR,
                () -> duplicates.candidates("Popescu", null, null, 0)));
        assertTrue(audited(null).contains("CANDIDATES_READ"), "every read is audited");
    }

    @Test
    void aDecisionIsOnBothTimelinesAndInTheAuditTrailAndCanBeUndone() {
        Case ana = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu", "Ana", BORN)), "ro.supervisor"));
        Case again = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popesku", "Ana", BORN)), "ro.supervisor"));
        List<Candidate> before = as(RO_SUPERVISOR, () -> duplicates.candidates(again.id(), 10));
        assertEquals(List.of(ana.id()), before.stream().map(Candidate::caseId).toList(), "possible same child");
        assertEquals(List.of(MatchReason.SIMILAR_SPELLING, MatchReason.SAME_DATE_OF_BIRTH), before.get(0).reasons());

        CaseLink notSame = as(RO_SUPERVISOR, () -> duplicates.decide(again.id(), ana.id(), false, "twins"));
        assertFalse(notSame.sameChild());
        assertEquals(List.of(), as(RO_SUPERVISOR, () -> duplicates.candidates(again.id(), 10)),
                "a pair decided not the same is not proposed again");
        assertEquals(List.of(), as(RO_SUPERVISOR, () -> duplicates.candidates(ana.id(), 10)), "from either side");
        for (Case c : List.of(ana, again)) {
            assertTrue(kinds(c).contains(TimelineEvent.NOT_SAME_CHILD), "on both timelines");
            assertTrue(audited(c.id()).contains("CASE_NOT_SAME_CHILD"), "in the audit trail of both");
            assertEquals(c.version(), as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().version(),
                    "no pending edit of either case fails because of a decision");
        }
        assertThrows(CaseException.class, () -> as(RO_SUPERVISOR,
                () -> duplicates.decide(ana.id(), again.id(), true, "second thoughts")), "one decision at a time");

        CaseLink undone = as(RO_SUPERVISOR, () -> duplicates.undo(notSame.id(), "not twins after all"));
        assertFalse(undone.inForce());
        assertEquals("ro.supervisor", undone.undoneBy());
        assertEquals(List.of(ana.id()), as(RO_SUPERVISOR, () -> duplicates.candidates(again.id(), 10)).stream()
                .map(Candidate::caseId).toList(), "proposed again");
        assertTrue(kinds(ana).contains(TimelineEvent.DECISION_UNDONE));
        assertThrows(CaseException.class, () -> as(RO_SUPERVISOR, () -> duplicates.undo(notSame.id(), "again")));

        CaseLink same = as(RO_SUPERVISOR, () -> duplicates.decide(ana.id(), again.id(), true, "same school, same mother"));
        assertEquals(List.of(same.id(), notSame.id()), as(RO_SUPERVISOR, () -> duplicates.links(again.id())).stream()
                .map(CaseLink::id).toList(), "every decision, newest first, kept when undone");
        assertEquals(ana.id(), as(RO_SUPERVISOR, () -> duplicates.links(again.id())).get(0).otherCaseId(),
                "read from the case asked about");
        assertTrue(kinds(again).contains(TimelineEvent.SAME_CHILD));
    }

    @Test
    void decisionsStayWithinWhatTheDeciderMayReadAndChange() {
        Case ana = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu", "Ana", BORN)), "ro.supervisor"));
        Case greek = as(GR_SUPERVISOR, () -> cases.open(gr(child("Ποπέσκου", "Άννα", BORN)), "gr.supervisor"));

        assertThrows(CaseNotFoundException.class, () -> as(RO_SUPERVISOR,
                () -> duplicates.decide(ana.id(), greek.id(), true, "seen at the border")), "not the RO center's case");
        assertThrows(AccessDeniedException.class, () -> as(RO_OPERATOR,
                () -> duplicates.decide(ana.id(), greek.id(), true, "x")), "hotline operators read, not decide");
        InvalidCaseException invalid = assertThrows(InvalidCaseException.class, () -> as(HUB_SUPERVISOR,
                () -> duplicates.decide(ana.id(), ana.id(), true, " ")));
        assertEquals(List.of("reason", "otherCaseId"), invalid.violations().stream()
                .map(InvalidCaseException.Violation::field).toList());
        assertThrows(InvalidCaseException.class, () -> as(HUB_SUPERVISOR,
                () -> duplicates.decide(ana.id(), greek.id(), true, "x".repeat(1001))));
        assertEquals(List.of(), as(HUB_SUPERVISOR, () -> duplicates.links(ana.id())), "nothing written");

        CaseLink linked = as(HUB_SUPERVISOR, () -> duplicates.decide(ana.id(), greek.id(), true, "seen at the border"));
        assertEquals(List.of(linked.id()), as(HUB_SUPERVISOR, () -> duplicates.links(ana.id())).stream()
                .map(CaseLink::id).toList());
        assertEquals(List.of(), as(RO_SUPERVISOR, () -> duplicates.links(ana.id())),
                "the RO center may not know of the Greek case");
        assertThrows(CaseNotFoundException.class, () -> as(RO_SUPERVISOR, () -> duplicates.undo(linked.id(), "no")));
        assertThrows(CaseNotFoundException.class, () -> as(BE_SUPERVISOR, () -> duplicates.candidates(ana.id(), 5)));
        assertThrows(CaseNotFoundException.class, () -> as(HUB_SUPERVISOR,
                () -> duplicates.decide(ana.id(), UUID.randomUUID(), true, "gone")));
    }

    @Test
    void aCaseWhoseChildsNamesNoSearchTakesAsTheyAreStillHasItsPossibleSameChild() {
        Case ana = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu", "Ana", BORN)), "ro.supervisor"));
        // a pasted tab, and two names together longer than one search text: stored as typed
        Case pasted = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu\t", "Ana", BORN)), "ro.supervisor"));
        Case longNames = as(RO_SUPERVISOR, () -> cases.open(ro(child("Popescu-" + "Ionescu".repeat(20),
                "Ana " + "Maria".repeat(30), BORN)), "ro.supervisor"));
        assertTrue(as(RO_SUPERVISOR, () -> duplicates.candidates(pasted.id(), 10)).stream()
                .anyMatch(c -> c.caseId().equals(ana.id())), "the tab is searched as a space");
        assertTrue(as(RO_SUPERVISOR, () -> duplicates.candidates(longNames.id(), 10)).stream()
                .noneMatch(c -> c.caseId().equals(longNames.id())), "searched, never refused");
        assertEquals("Popescu ", DuplicateServiceImpl.searchable("Popescu\t"));
        assertEquals(DuplicateServiceImpl.SEARCHABLE_NAME, DuplicateServiceImpl.searchable("x".repeat(200)).length());
        assertEquals(DuplicateServiceImpl.SEARCHABLE_NAME - 1, DuplicateServiceImpl.searchable(
                "x".repeat(DuplicateServiceImpl.SEARCHABLE_NAME - 1) + "\uD835\uDC00").length(), "a pair is not split");
    }

    private List<String> kinds(Case c) {
        return as(Subject.system("check"), () -> cases.timeline(c.id())).stream().map(TimelineEvent::kind).toList();
    }

    /** @return the actions audited for the case (null: those without a case) */
    private List<String> audited(UUID caseId) {
        return database.inTransaction(session -> session.createNativeQuery("select action from hw_audit where "
                + (caseId == null ? "case_id is null" : "case_id = :id") + " order by seq", String.class)
                .setProperties(caseId == null ? Map.of() : Map.of("id", caseId)).getResultList());
    }

    private static NewCase ro(PersonDetails child) {
        return new NewCase(TestCenters.RO, "fuga", null, RiskLevel.MEDIUM, "left school", Map.of(), List.of(child));
    }

    private static NewCase gr(PersonDetails child) {
        return new NewCase(TestCenters.OTHER, "lost", null, RiskLevel.MEDIUM, "lost at the fair", Map.of(),
                List.of(child));
    }

    private static PersonDetails child(String familyName, String givenName, LocalDate born) {
        return new PersonDetails(PersonRole.CHILD, familyName, givenName, Sex.FEMALE, born, null, null);
    }
}
