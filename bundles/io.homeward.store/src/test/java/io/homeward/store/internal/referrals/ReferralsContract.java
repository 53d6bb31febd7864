package io.homeward.store.internal.referrals;

import static io.homeward.store.internal.TestSubjects.BE_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.GR_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.HUB_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.RO_SUPERVISOR;
import static io.homeward.store.internal.TestSubjects.RO_WORKER;
import static io.homeward.store.internal.TestSubjects.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.alert.AlertStatus;
import io.homeward.casemodel.referral.MissingIdentifier;
import io.homeward.casemodel.referral.Referral;
import io.homeward.casemodel.referral.ReferralPack;
import io.homeward.casemodel.referral.ReferralStatus;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.AuditEntry;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.transfer.CaseTransfer;
import io.homeward.casemodel.transfer.TransferKind;
import io.homeward.casemodel.transfer.TransferStatus;
import io.homeward.render.internal.ReferralPdfRenderer;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.TestSecurityConfiguration;
import io.homeward.store.internal.alerts.AlertEntity;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import io.homeward.store.internal.cases.CaseServiceContract;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.security.AccountServiceImpl;
import io.homeward.store.internal.transfers.TransferServiceImpl;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Police referral packs, and transfers and shares between centers, against a real database with the real
 * authorization and audit: subclasses say which database, like {@link CaseServiceContract}. Every test starts
 * from empty tables.
 */
abstract class ReferralsContract extends DatabaseContract {


    private AuditLog audit;
    private AuthorizedCaseService cases;
    private ReferralServiceImpl referrals;
    private TransferServiceImpl transfers;

    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_alert_delivery", "hw_alert_message", "hw_alert_request_evidence",
                "hw_alert_decision_evidence", "hw_alert", "hw_referral", "hw_case_transfer", "hw_timeline_event",
                "hw_case_field", "hw_person", "hw_case_share", "hw_sla_timer", "hw_case_note", "hw_attachment_content",
                "hw_attachment", "hw_case", "hw_case_number", "hw_audit", "hw_session", "hw_api_token", "hw_user_role",
                "hw_user"));
        database.inTransaction(session -> session.createNativeMutationQuery("update hw_audit_head set last_seq = 0,"
                + " last_hash = :genesis").setParameter("genesis", AuditLog.GENESIS).executeUpdate());
        TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
        TestCenters centers = new TestCenters();
        CaseAccess access = new CaseAccess(database, centers, clock);
        audit = new AuditLog(database, access, clock);
        cases = new AuthorizedCaseService(new CaseServiceImpl(database, centers, new DirectPluginCalls(), clock),
                access, audit);
        // the renderer the platform runs (bundle io.homeward.render), so that the PDF tests read a real document
        referrals = new ReferralServiceImpl(database, centers, access, audit, new ReferralPdfRenderer(), clock);
        transfers = new TransferServiceImpl(database, centers, access, audit, clock);
        AccountServiceImpl accounts = new AccountServiceImpl(database, audit, new TestSecurityConfiguration(), false,
                clock);
        as(Subject.system("console"), () -> accounts.createUser(RO_WORKER.username(), null, TestCenters.RO,
                RO_WORKER.roles(), "ro"));
    }

    // ---- referrals

    @Test
    void aReferralListsTheMissingYellowNoticeIdentifiersUntilTheCaseHasThem() {
        Case sparse = as(RO_SUPERVISOR, () -> cases.open(roIntake(new PersonDetails(PersonRole.CHILD, "Popescu",
                null, Sex.UNKNOWN, null, " ", null)), "ignored"));
        ReferralPack pack = as(RO_WORKER, () -> referrals.prepare(sparse.id()));
        assertEquals(List.of(MissingIdentifier.CODE_FORENAME, MissingIdentifier.CODE_SEX,
                MissingIdentifier.CODE_BIRTH_YEAR, MissingIdentifier.CODE_IDENTIFYING_FEATURE), codes(pack));
        assertFalse(pack.isComplete());

        Case named = as(RO_SUPERVISOR, () -> cases.open(roIntake(child(null)), "ignored"));
        assertEquals(List.of(MissingIdentifier.CODE_IDENTIFYING_FEATURE),
                codes(as(RO_WORKER, () -> referrals.prepare(named.id()))), "no description, photo, DNA or prints");
        Referral first = as(RO_WORKER, () -> referrals.send(named.id(), "IGPR Cluj", "sent what we have"));
        assertEquals(ReferralStatus.SENT, first.status());
        assertEquals(List.of(MissingIdentifier.CODE_IDENTIFYING_FEATURE), codes(first.pack()),
                "a pack may go with identifiers missing; it says which");

        as(RO_WORKER, () -> cases.attach(named.id(), "ana.png", "image/png", -1,
                new ByteArrayInputStream(png()), "ignored"));
        ReferralPack complete = as(RO_WORKER, () -> referrals.prepare(named.id()));
        assertTrue(complete.isComplete(), String.valueOf(complete.missing()));
        assertEquals("ana.png", complete.photograph().filename());
        Referral second = as(RO_WORKER, () -> referrals.send(named.id(), "IGPR Cluj", null));
        assertTrue(second.pack().isComplete());
        assertEquals(List.of(MissingIdentifier.CODE_IDENTIFYING_FEATURE), codes(as(RO_WORKER,
                () -> referrals.find(first.id())).orElseThrow().pack()), "the first pack keeps what it lacked then");
        assertEquals(List.of(first.id(), second.id()), as(RO_WORKER, () -> referrals.referrals(named.id()))
                .stream().map(Referral::id).toList());

        Case described = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("1.40 m, scar above the left eye")),
                "ignored"));
        assertTrue(as(RO_WORKER, () -> referrals.prepare(described.id())).isComplete(), "a description is enough");
    }

    @Test
    void theReferralPdfOpensAndHoldsTheCaseNumberTheIdentifiersAndThePhotograph() throws IOException {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(new PersonDetails(PersonRole.CHILD, "Παπαδοπούλου",
                "Ana", Sex.FEMALE, LocalDate.of(2012, 3, 4), null, null)), "ignored"));
        Referral incomplete = as(RO_WORKER, () -> referrals.send(c.id(), "IGPR Cluj", null));
        try (PDDocument pdf = Loader.loadPDF(as(RO_WORKER, () -> referrals.pdf(incomplete.id())))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains(c.number()), text);
            assertTrue(text.contains("Παπαδοπούλου"), "Greek names are printed as they are: " + text);
            assertTrue(text.contains(MissingIdentifier.CODE_IDENTIFYING_FEATURE), text);
            assertEquals(0, images(pdf));
        }
        as(RO_WORKER, () -> cases.attach(c.id(), "ana.png", null, -1, new ByteArrayInputStream(png()), "ignored"));
        Referral complete = as(RO_WORKER, () -> referrals.send(c.id(), "IGPR Cluj", null));
        try (PDDocument pdf = Loader.loadPDF(as(RO_WORKER, () -> referrals.pdf(complete.id())))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains(c.number()) && text.contains("Every minimum identifier is present"), text);
            assertEquals(1, images(pdf), "the photograph is in the pack");
        }
        assertTrue(as(RO_SUPERVISOR, () -> audit.entries(c.id())).stream().map(AuditEntry::action).toList()
                .contains("REFERRAL_PDF_READ"));
    }

    @Test
    void aReferralMovesFromSentToAcknowledgedToActedOnOneStepAtATimeOnTheTimeline() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        Referral sent = as(RO_WORKER, () -> referrals.send(c.id(), "IGPR Cluj", null));
        CaseException skip = assertThrows(CaseException.class,
                () -> as(RO_WORKER, () -> referrals.advance(sent.id(), ReferralStatus.ACTED_ON, null)));
        assertTrue(skip.getMessage().contains("next step is ACKNOWLEDGED"), skip.getMessage());
        assertThrows(CaseException.class, () -> as(RO_WORKER, () -> referrals.advance(sent.id(),
                ReferralStatus.SENT, null)), "no step back");
        assertThrows(InvalidCaseException.class, () -> as(RO_WORKER, () -> referrals.advance(sent.id(), null, null)));

        Referral acknowledged = as(RO_WORKER, () -> referrals.advance(sent.id(), ReferralStatus.ACKNOWLEDGED,
                "ref 2026/123"));
        assertEquals("ro.worker", acknowledged.acknowledgedBy());
        assertThrows(CaseException.class, () -> as(RO_WORKER, () -> referrals.advance(sent.id(),
                ReferralStatus.ACKNOWLEDGED, null)), "not twice");
        Referral actedOn = as(RO_SUPERVISOR, () -> referrals.advance(sent.id(), ReferralStatus.ACTED_ON, null));
        assertEquals(ReferralStatus.ACTED_ON, actedOn.status());
        assertEquals("ro.supervisor", actedOn.actedOnBy());
        assertTrue(actedOn.acknowledgedAt().isBefore(actedOn.actedOnAt()));
        CaseException past = assertThrows(CaseException.class, () -> as(RO_WORKER, () -> referrals.advance(sent.id(),
                ReferralStatus.ACTED_ON, null)));
        assertTrue(past.getMessage().contains("no further step"), past.getMessage());

        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.REFERRAL_SENT, TimelineEvent.REFERRAL_ACKNOWLEDGED,
                TimelineEvent.REFERRAL_ACTED_ON), kinds(as(RO_WORKER, () -> cases.timeline(c.id()))));
        List<String> audited = as(RO_SUPERVISOR, () -> audit.entries(c.id())).stream().map(AuditEntry::action)
                .toList();
        assertEquals(2, audited.stream().filter("REFERRAL_STATUS"::equals).count(), audited.toString());
        assertTrue(audited.contains("REFERRAL_SENT"), audited.toString());
    }

    @Test
    void aClosedCaseIsNotReferredButItsReferralsStillRecordTheAgencysSteps() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        Referral sent = as(RO_WORKER, () -> referrals.send(c.id(), "IGPR Cluj", null));
        long version = as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().version();
        as(RO_SUPERVISOR, () -> cases.perform(c.id(), "close", version, Map.of(), "found at home", "ignored"));
        CaseException closed = assertThrows(CaseException.class,
                () -> as(RO_WORKER, () -> referrals.send(c.id(), "IGPR Cluj", null)));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertEquals(List.of(sent.id()), as(RO_WORKER, () -> referrals.referrals(c.id())).stream().map(Referral::id)
                .toList(), "the refused one wrote nothing");
        assertEquals(ReferralStatus.ACKNOWLEDGED, as(RO_WORKER, () -> referrals.advance(sent.id(),
                ReferralStatus.ACKNOWLEDGED, "ref 2026/123")).status());
        CaseException shared = assertThrows(CaseException.class, () -> as(RO_SUPERVISOR,
                () -> transfers.request(c.id(), TransferKind.SHARE, TestCenters.OTHER, "for information")));
        assertTrue(shared.getMessage().contains("closed"), shared.getMessage());
    }

    @Test
    void anotherCenterSeesNoReferralOfACaseItCannotSeeAndCannotSendOne() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        Referral sent = as(RO_WORKER, () -> referrals.send(c.id(), "IGPR Cluj", null));
        assertThrows(CaseNotFoundException.class, () -> as(GR_SUPERVISOR, () -> referrals.prepare(c.id())));
        assertThrows(CaseNotFoundException.class, () -> as(GR_SUPERVISOR, () -> referrals.send(c.id(), "x", null)));
        assertTrue(as(GR_SUPERVISOR, () -> referrals.find(sent.id())).isEmpty());
        assertThrows(CaseNotFoundException.class, () -> as(GR_SUPERVISOR, () -> referrals.pdf(sent.id())));
        assertThrows(CaseNotFoundException.class, () -> as(GR_SUPERVISOR, () -> referrals.advance(sent.id(),
                ReferralStatus.ACKNOWLEDGED, null)));
        assertTrue(as(HUB_SUPERVISOR, () -> referrals.find(sent.id())).isPresent(), "the hub sees its members' cases");
        assertThrows(AccessDeniedException.class, () -> as(HUB_SUPERVISOR, () -> referrals.advance(sent.id(),
                ReferralStatus.ACKNOWLEDGED, null)), "but does not work them");
        InvalidCaseException noAgency = assertThrows(InvalidCaseException.class,
                () -> as(RO_WORKER, () -> referrals.send(c.id(), " ", null)));
        assertEquals("agency", noAgency.violations().get(0).field());
        assertEquals(1, as(RO_WORKER, () -> referrals.referrals(c.id())).size(), "the refused ones wrote nothing");
    }

    // ---- transfers and shares

    @Test
    void anAcceptedTransferMovesTheCaseAndItsAccessToTheReceiver() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        as(RO_SUPERVISOR, () -> cases.assign(c.id(), c.version(), RO_WORKER.username(), "ignored"));
        assertThrows(InvalidCaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(c.id(),
                TransferKind.TRANSFER, TestCenters.OTHER, " ")), "a reason is required");
        CaseTransfer asked = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.OTHER, "the family moved to Thessaloniki"));
        assertEquals(TransferStatus.PENDING, asked.status());

        // pending: the receiver sees the request, not the case
        assertTrue(as(GR_SUPERVISOR, () -> cases.find(c.id())).isEmpty());
        CaseTransfer incoming = as(GR_SUPERVISOR, () -> transfers.incoming(TransferStatus.PENDING)).get(0);
        assertEquals(c.number(), incoming.caseNumber());
        assertEquals("the family moved to Thessaloniki", incoming.reason());
        assertEquals(List.of(asked.id()), as(RO_SUPERVISOR, () -> transfers.outgoing(null)).stream()
                .map(CaseTransfer::id).toList());
        assertThrows(CaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(c.id(),
                TransferKind.TRANSFER, TestCenters.SEEC, "or the hub")), "one pending transfer at a time");
        assertThrows(AccessDeniedException.class, () -> as(RO_SUPERVISOR, () -> transfers.accept(asked.id(), null,
                "ok")), "the sender does not decide");
        assertThrows(InvalidCaseException.class, () -> as(GR_SUPERVISOR, () -> transfers.accept(asked.id(), "lost-x",
                "ok")), "a category of the receiver's");

        CaseTransfer accepted = as(GR_SUPERVISOR, () -> transfers.accept(asked.id(), null, "we take it"));
        assertEquals(TransferStatus.ACCEPTED, accepted.status());
        assertEquals("gr.supervisor", accepted.decidedBy());
        Case moved = as(GR_SUPERVISOR, () -> cases.find(c.id())).orElseThrow();
        assertEquals(TestCenters.OTHER, moved.centerId());
        assertEquals("fugi", moved.category(), "the receiver's category of the same type");
        assertEquals("simple", moved.workflowId());
        assertEquals("new", moved.status());
        assertNull(moved.assignee(), "the sender's assignee does not follow the case");
        assertEquals(c.number(), moved.number());
        as(GR_SUPERVISOR, () -> cases.addNote(c.id(), "taken over", "ignored"));

        // after: the sender has lost the case, but sees the outcome of its request
        assertTrue(as(RO_SUPERVISOR, () -> cases.find(c.id())).isEmpty());
        assertThrows(CaseNotFoundException.class, () -> as(RO_SUPERVISOR, () -> cases.addNote(c.id(), "x", "x")));
        assertThrows(CaseNotFoundException.class,
                () -> asSupervisor("ro.supervisor", TestCenters.RO, () -> cases.timeline(c.id())));
        assertEquals(TransferStatus.ACCEPTED, as(RO_SUPERVISOR, () -> transfers.outgoing(null)).get(0).status());
        assertTrue(as(RO_SUPERVISOR, () -> transfers.find(asked.id())).isPresent());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.ASSIGNED, TimelineEvent.TRANSFER_REQUESTED,
                TimelineEvent.TRANSFER_ACCEPTED), kinds(as(GR_SUPERVISOR, () -> cases.timeline(c.id()))));
        assertThrows(CaseException.class, () -> as(GR_SUPERVISOR, () -> transfers.reject(asked.id(), "changed my mind")),
                "decided once");
    }

    @Test
    void aRejectedTransferChangesNothing() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        CaseTransfer asked = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.OTHER, "the family moved"));
        assertThrows(InvalidCaseException.class, () -> as(GR_SUPERVISOR, () -> transfers.reject(asked.id(), null)));
        CaseTransfer rejected = as(GR_SUPERVISOR, () -> transfers.reject(asked.id(), "not in our area"));
        assertEquals(TransferStatus.REJECTED, rejected.status());
        assertEquals("not in our area", rejected.decisionReason());
        Case after = as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow();
        assertEquals(TestCenters.RO, after.centerId());
        assertEquals(c.status(), after.status());
        assertTrue(as(GR_SUPERVISOR, () -> cases.find(c.id())).isEmpty());
        assertEquals(TransferStatus.REJECTED, as(RO_SUPERVISOR, () -> transfers.ofCase(c.id())).get(0).status());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.TRANSFER_REQUESTED, TimelineEvent.TRANSFER_REJECTED),
                kinds(as(RO_SUPERVISOR, () -> cases.timeline(c.id()))));
        CaseTransfer again = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.SEEC, "then the hub"));
        assertEquals(TransferStatus.PENDING, again.status(), "a rejected request blocks nothing");
    }

    @Test
    void anAcceptedShareLetsTheReceiverReadTheCaseButNotChangeItAndARejectedOneDoesNot() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        CaseTransfer declined = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE,
                TestCenters.OTHER, "may have crossed to Greece"));
        as(GR_SUPERVISOR, () -> transfers.reject(declined.id(), "nothing for us"));
        assertTrue(as(GR_SUPERVISOR, () -> cases.find(c.id())).isEmpty(), "rejected: still invisible");

        CaseTransfer asked = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE,
                TestCenters.OTHER, "seen at the border"));
        assertThrows(CaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE,
                TestCenters.OTHER, "again")), "one pending share per center");
        assertTrue(as(GR_SUPERVISOR, () -> cases.find(c.id())).isEmpty(), "pending: still invisible");
        as(GR_SUPERVISOR, () -> transfers.accept(asked.id(), null, "we will look"));
        Case shared = as(GR_SUPERVISOR, () -> cases.find(c.id())).orElseThrow();
        assertEquals(TestCenters.RO, shared.centerId(), "the owner stays");
        assertEquals(List.of(TestCenters.OTHER), shared.sharedWith());
        assertThrows(AccessDeniedException.class, () -> as(GR_SUPERVISOR, () -> cases.addNote(c.id(), "x", "x")));
        assertThrows(AccessDeniedException.class, () -> as(GR_SUPERVISOR, () -> transfers.request(c.id(),
                TransferKind.TRANSFER, TestCenters.SEEC, "ours now")), "only the owner hands a case on");
        assertThrows(CaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE,
                TestCenters.OTHER, "again")), "already shared");
        assertTrue(as(RO_SUPERVISOR, () -> cases.find(c.id())).isPresent());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.SHARE_REQUESTED, TimelineEvent.SHARE_REJECTED,
                TimelineEvent.SHARE_REQUESTED, TimelineEvent.SHARE_ACCEPTED),
                kinds(as(GR_SUPERVISOR, () -> cases.timeline(c.id()))));
    }

    @Test
    void aShareStillPendingWhenTheCaseIsTransferredIsRejectedAndCannotBeAccepted() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        CaseTransfer share = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE, TestCenters.TEST,
                "may have gone to Brussels"));
        CaseTransfer transfer = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.OTHER, "the family moved"));
        as(GR_SUPERVISOR, () -> transfers.accept(transfer.id(), null, "ours"));

        CaseTransfer withdrawn = as(BE_SUPERVISOR, () -> transfers.find(share.id())).orElseThrow();
        assertEquals(TransferStatus.REJECTED, withdrawn.status(), "the former owner's grant ended with its ownership");
        assertEquals("withdrawn: the case was transferred to " + TestCenters.OTHER, withdrawn.decisionReason());
        assertThrows(CaseException.class, () -> as(BE_SUPERVISOR, () -> transfers.accept(share.id(), null, "ok")));
        assertTrue(as(BE_SUPERVISOR, () -> cases.find(c.id())).isEmpty(), "Brussels never reads Athens' case");
        assertEquals(List.of(), as(GR_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().sharedWith());
        assertEquals(List.of(TimelineEvent.OPENED, TimelineEvent.SHARE_REQUESTED, TimelineEvent.TRANSFER_REQUESTED,
                TimelineEvent.TRANSFER_ACCEPTED, TimelineEvent.SHARE_REJECTED),
                kinds(as(GR_SUPERVISOR, () -> cases.timeline(c.id()))));
    }

    @Test
    void sharesOfTheFormerOwnerEndWhenTheCaseIsTransferredAndTheHubKeepsReadingByTheHubRule() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        CaseTransfer share = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE, TestCenters.TEST,
                "may have gone to Brussels"));
        as(BE_SUPERVISOR, () -> transfers.accept(share.id(), null, "we will look"));
        assertTrue(as(BE_SUPERVISOR, () -> cases.find(c.id())).isPresent());
        CaseTransfer hubShare = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE,
                TestCenters.SEEC, "for the regional picture"));
        as(HUB_SUPERVISOR, () -> transfers.accept(hubShare.id(), null, "noted"));

        CaseTransfer transfer = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.OTHER, "the family moved"));
        as(GR_SUPERVISOR, () -> transfers.accept(transfer.id(), null, "ours"));
        assertTrue(as(BE_SUPERVISOR, () -> cases.find(c.id())).isEmpty(), "the share ended with RO's ownership");
        assertThrows(CaseNotFoundException.class, () -> as(BE_SUPERVISOR, () -> cases.timeline(c.id())));
        assertEquals(List.of(), as(GR_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().sharedWith());
        assertTrue(as(HUB_SUPERVISOR, () -> cases.find(c.id())).isPresent(), "a RO case: the hub sees its members'");
        String audited = as(Subject.system("check"), () -> audit.entries(c.id())).stream()
                .filter(e -> e.action().equals("TRANSFER_ACCEPTED")).findFirst().orElseThrow().detail();
        assertTrue(audited.contains("share with " + TestCenters.TEST + " ended"), audited);
    }

    @Test
    void aCaseWithAnAlertUnderWayIsNotTransferredNeitherAtRequestNorAtAcceptance() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        AlertEntity alert = new AlertEntity(c.id(), TestCenters.RO, "ro.worker", Instant.parse("2026-03-01T10:00:00Z"),
                "seen with a stranger", List.of());
        database.inTransaction(session -> {
            session.persist(alert);
            return null;
        });
        CaseException refused = assertThrows(CaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(
                c.id(), TransferKind.TRANSFER, TestCenters.OTHER, "the family moved")));
        assertTrue(refused.getMessage().contains("alert"), refused.getMessage());
        assertEquals(List.of(), as(RO_SUPERVISOR, () -> transfers.ofCase(c.id())), "refused: nothing written");
        CaseTransfer share = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE, TestCenters.OTHER,
                "a share leaves the owner and its alert as they are"));
        as(GR_SUPERVISOR, () -> transfers.accept(share.id(), null, "we will look"));

        setAlert(alert, AlertStatus.CANCELLED);
        CaseTransfer asked = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.OTHER, "the family moved"));
        for (AlertStatus underWay : List.of(AlertStatus.REQUESTED, AlertStatus.APPROVED, AlertStatus.ACTIVE)) {
            setAlert(alert, underWay);
            assertThrows(CaseException.class, () -> as(GR_SUPERVISOR, () -> transfers.accept(asked.id(), null, "ours")),
                    underWay.name());
            assertEquals(TestCenters.RO, as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().centerId());
            assertEquals(TransferStatus.PENDING, as(GR_SUPERVISOR, () -> transfers.find(asked.id())).orElseThrow()
                    .status());
        }
        setAlert(alert, AlertStatus.REFUSED);
        as(GR_SUPERVISOR, () -> transfers.accept(asked.id(), null, "ours"));
        assertEquals(TestCenters.OTHER, as(GR_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().centerId());
    }

    @Test
    void aTransferOrShareOfACaseClosedAfterTheRequestIsNotAccepted() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        CaseTransfer transfer = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.OTHER, "the family moved"));
        CaseTransfer share = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.SHARE, TestCenters.TEST,
                "may have gone to Brussels"));
        long version = as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().version();
        as(RO_SUPERVISOR, () -> cases.perform(c.id(), "close", version, Map.of(), "found at home", "ignored"));
        CaseException closed = assertThrows(CaseException.class, () -> as(GR_SUPERVISOR,
                () -> transfers.accept(transfer.id(), null, "ours")));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertThrows(CaseException.class, () -> as(BE_SUPERVISOR, () -> transfers.accept(share.id(), null, "ok")));
        Case after = as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow();
        assertEquals(TestCenters.RO, after.centerId());
        assertTrue(after.isClosed());
        assertEquals(List.of(), after.sharedWith());
        assertEquals(TransferStatus.REJECTED, as(GR_SUPERVISOR, () -> transfers.reject(transfer.id(), "closed"))
                .status(), "the receiver can still answer it");
    }

    @Test
    void aHubThatHandsACaseToAMemberCenterKeepsSeeingIt() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        CaseTransfer toHub = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.SEEC, "cross-border, several countries"));
        as(HUB_SUPERVISOR, () -> transfers.accept(toHub.id(), null, "coordinated by the hub"));
        assertEquals(TestCenters.SEEC, as(HUB_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().centerId());
        assertTrue(as(RO_SUPERVISOR, () -> cases.find(c.id())).isEmpty(), "a national center keeps nothing");

        CaseTransfer back = as(HUB_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                TestCenters.RO, "back home"));
        as(RO_SUPERVISOR, () -> transfers.accept(back.id(), "fuga", "ours again"));
        assertEquals(TestCenters.RO, as(RO_SUPERVISOR, () -> cases.find(c.id())).orElseThrow().centerId());
        assertTrue(as(HUB_SUPERVISOR, () -> cases.find(c.id())).isPresent(), "the hub sees its member's case");
        assertThrows(AccessDeniedException.class, () -> as(HUB_SUPERVISOR, () -> cases.addNote(c.id(), "x", "x")));
    }

    @Test
    void requestsNeedASupervisorOfTheOwnerAndAKnownOtherCenter() {
        Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
        assertThrows(AccessDeniedException.class, () -> as(RO_WORKER, () -> transfers.request(c.id(),
                TransferKind.TRANSFER, TestCenters.OTHER, "why")));
        assertThrows(CaseNotFoundException.class, () -> as(GR_SUPERVISOR, () -> transfers.request(c.id(),
                TransferKind.SHARE, TestCenters.OTHER, "why")), "invisible: not found");
        InvalidCaseException unknown = assertThrows(InvalidCaseException.class, () -> as(RO_SUPERVISOR,
                () -> transfers.request(c.id(), TransferKind.SHARE, "atlantis", "why")));
        assertEquals("toCenterId", unknown.violations().get(0).field());
        assertThrows(InvalidCaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(c.id(),
                TransferKind.TRANSFER, TestCenters.RO, "why")), "not to itself");
        assertThrows(InvalidCaseException.class, () -> as(RO_SUPERVISOR, () -> transfers.request(c.id(), null,
                TestCenters.OTHER, "why")));
        assertEquals(List.of(), as(RO_SUPERVISOR, () -> transfers.ofCase(c.id())), "the refused ones wrote nothing");
        assertEquals(List.of(TimelineEvent.OPENED), kinds(as(RO_SUPERVISOR, () -> cases.timeline(c.id()))));
    }

    @Test
    void ofTwoDecisionsOfOneRequestAtTheSameMomentExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Case c = as(RO_SUPERVISOR, () -> cases.open(roIntake(child("tall")), "ignored"));
            CaseTransfer asked = as(RO_SUPERVISOR, () -> transfers.request(c.id(), TransferKind.TRANSFER,
                    TestCenters.OTHER, "the family moved"));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<CaseTransfer>> decisions = new ArrayList<>();
                for (Callable<CaseTransfer> decision : List.<Callable<CaseTransfer>>of(
                        () -> transfers.accept(asked.id(), null, "yes"), () -> transfers.reject(asked.id(), "no"))) {
                    decisions.add(pool.submit(() -> {
                        start.await();
                        return SubjectContext.callAs(GR_SUPERVISOR, () -> {
                            try {
                                return decision.call();
                            } catch (CaseException e) {
                                return null;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }));
                }
                start.countDown();
                List<CaseTransfer> won = new ArrayList<>();
                for (Future<CaseTransfer> decision : decisions) {
                    if (decision.get() != null) {
                        won.add(decision.get());
                    }
                }
                assertEquals(1, won.size(), "round " + round + ": " + won);
                CaseTransfer stored = as(GR_SUPERVISOR, () -> transfers.find(asked.id())).orElseThrow();
                assertEquals(won.get(0).status(), stored.status());
                boolean movedToGreece = as(GR_SUPERVISOR, () -> cases.find(c.id())).isPresent();
                assertEquals(stored.status() == TransferStatus.ACCEPTED, movedToGreece);
                assertEquals(1, kinds(as(Subject.system("check"), () -> cases.timeline(c.id()))).stream()
                        .filter(k -> k.equals(TimelineEvent.TRANSFER_ACCEPTED) || k.equals(TimelineEvent.TRANSFER_REJECTED))
                        .count());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void setAlert(AlertEntity alert, AlertStatus status) {
        database.inTransaction(session -> {
            session.find(AlertEntity.class, alert.id()).moveTo(status);
            return null;
        });
    }

    private static NewCase roIntake(PersonDetails child) {
        return new NewCase(TestCenters.RO, "fuga", null, RiskLevel.HIGH, "left school", Map.of(), List.of(child));
    }

    private static PersonDetails child(String description) {
        return new PersonDetails(PersonRole.CHILD, "Popescu", "Ana", Sex.FEMALE, LocalDate.of(2012, 3, 4),
                description, null);
    }

    private static List<String> codes(ReferralPack pack) {
        return pack.missing().stream().map(MissingIdentifier::code).toList();
    }

    private static List<String> kinds(List<TimelineEvent> events) {
        return events.stream().map(TimelineEvent::kind).toList();
    }

    private static int images(PDDocument pdf) throws IOException {
        int found = 0;
        for (var page : pdf.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    found++;
                }
            }
        }
        return found;
    }

    private static byte[] png() {
        return png(12, 16);
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static <T> T asSupervisor(String username, String center, Supplier<T> work) {
        return as(Subject.user(username, center, Set.of(Role.SUPERVISOR)), work);
    }
}
