package io.homeward.store.internal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertChannel;
import io.homeward.casemodel.alert.AlertDecision;
import io.homeward.casemodel.alert.AlertDelivery;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.alert.AlertNotFoundException;
import io.homeward.casemodel.alert.AlertStatus;
import io.homeward.casemodel.alert.ChannelStatus;
import io.homeward.casemodel.alert.CriterionResult;
import io.homeward.casemodel.center.AlertCriterion;
import io.homeward.casemodel.center.AlertPlan;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.DatabaseContract;
import io.homeward.store.internal.DirectPluginCalls;
import io.homeward.store.internal.TestCenters;
import io.homeward.store.internal.TestClock;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import io.homeward.store.internal.cases.CaseServiceContract;
import io.homeward.store.internal.cases.CaseServiceImpl;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Alerts against a real database: the plan's evaluation shown at the request, four eyes, decisions on record (timeline
 * and audit trail), the CAP messages of issue, update and cancel, and the outbox with one channel down. Subclasses say
 * which database, like {@link CaseServiceContract}.
 */
abstract class AlertServiceContract extends DatabaseContract {

    private static final Instant NOVEMBER_2026 = Instant.parse("2026-11-28T09:00:00Z");
    private static final Subject WORKER = Subject.user("tc.worker", TestCenters.TEST, Set.of(Role.CASE_WORKER));
    private static final Subject SUPERVISOR = Subject.user("tc.supervisor", TestCenters.TEST, Set.of(Role.SUPERVISOR));
    private static final Subject SECOND_SUPERVISOR = Subject.user("tc.supervisor2", TestCenters.TEST,
            Set.of(Role.SUPERVISOR));
    private static final Subject OTHER_SUPERVISOR = Subject.user("oc.supervisor", TestCenters.OTHER,
            Set.of(Role.SUPERVISOR));
    private static final AlertDecision APPROVE = new AlertDecision(true, "prosecutor agreed at 10:05",
            AlertDecision.Urgency.IMMEDIATE, AlertDecision.Severity.SEVERE, AlertDecision.Certainty.LIKELY);

    private TestClock clock;
    private AuditLog audit;
    private AuthorizedCaseService cases;
    private AlertDispatcher dispatcher;
    private AuthorizedAlertService alerts;
    private TestCenters centers;
    /** The photo attached by {@link #approvedAlert()}. */
    private java.util.UUID photoId;

    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_alert_delivery", "hw_alert_message", "hw_alert_request_evidence",
                "hw_alert_decision_evidence", "hw_alert", "hw_timeline_event", "hw_case_field", "hw_person",
                "hw_case_share", "hw_sla_timer", "hw_case_note", "hw_attachment_content", "hw_attachment", "hw_case",
                "hw_case_number", "hw_audit"));
        database.inTransaction(session -> session.createNativeMutationQuery(
                "update hw_audit_head set last_seq = 0, last_hash = :genesis").setParameter("genesis", AuditLog.GENESIS)
                .executeUpdate());
        clock = new TestClock(NOVEMBER_2026);
        centers = new TestCenters();
        centers.add(withPlan(TestCenters.testCenter(TestCenters.missingV1())));
        CaseAccess access = new CaseAccess(database, centers, clock);
        audit = new AuditLog(database, access, clock);
        CaseServiceImpl store = new CaseServiceImpl(database, centers, new DirectPluginCalls(), clock);
        cases = new AuthorizedCaseService(store, access, audit);
        dispatcher = new AlertDispatcher(database, new Backoff(60, 600), clock, false);
        alerts = new AuthorizedAlertService(new AlertServiceImpl(database, centers, store, dispatcher, clock), access,
                audit);
    }

    /** The test center with a plan: a child under 18, a police reference; CASE_WORKER requests, SUPERVISOR decides. */
    private static Center withPlan(Center c) {
        List<AlertCriterion> criteria = List.of(
                new AlertCriterion("minor", AlertCriterion.Rule.CHILD_AGE_BELOW, null, "18", labels("A minor")),
                new AlertCriterion("police", AlertCriterion.Rule.FIELD_PRESENT, "police-ref", null,
                        labels("Police involved")));
        AlertPlan plan = new AlertPlan(criteria, Set.of(Role.CASE_WORKER, Role.SUPERVISOR), Set.of(Role.SUPERVISOR),
                new Labels(Map.of("nl", "Child Alert", "fr", "Child Alert")), new AlertPlan.Code("SAME", "CAE"),
                new AlertPlan.Area(new Labels(Map.of("nl", "België", "fr", "Belgique")),
                        List.of(new AlertPlan.Code("ISO3166-1", "BE"))));
        return new Center(c.id(), c.name(), c.country(), c.timeZone(), c.languages(), c.hotlines(), c.caseNumbers(),
                c.fields(), c.categories(), c.workflows(), criteria, c.sections(), c.hub(), c.plugin(), plan);
    }

    @Test
    void aRequestShowsWhichCriteriaAreMetAndApprovalWaitsForAllOfThem() {
        Case opened = open(Map.of());
        Alert requested = as(WORKER, () -> alerts.request(opened.id(), "abducted from the school gate"));
        assertEquals(AlertStatus.REQUESTED, requested.status());
        assertEquals(List.of(CriterionResult.Outcome.MET, CriterionResult.Outcome.UNKNOWN),
                requested.evaluation().stream().map(CriterionResult::outcome).toList());
        assertEquals("10", requested.evaluation().get(0).value());
        assertEquals("Police involved", requested.evaluation().get(1).labels().in(List.of("en"), "?"));

        InvalidCaseException notMet = assertThrows(InvalidCaseException.class,
                () -> as(SUPERVISOR, () -> alerts.decide(requested.id(), APPROVE)));
        assertTrue(notMet.getMessage().contains("1 unknown (police)"), notMet.getMessage());
        assertThrows(CaseException.class, () -> as(WORKER, () -> alerts.request(opened.id(), "again")),
                "one open alert per case");

        Case withPolice = as(WORKER, () -> cases.updateFields(opened.id(), opened.version(),
                Map.of("police-ref", "BR.12.LB.1/26"), "tc.worker"));
        Alert approved = as(SUPERVISOR, () -> alerts.decide(requested.id(), APPROVE));
        assertEquals(AlertStatus.APPROVED, approved.status());
        assertEquals(List.of(CriterionResult.Outcome.MET, CriterionResult.Outcome.MET),
                approved.decisionEvidence().stream().map(CriterionResult::outcome).toList());
        assertEquals("BR.12.LB.1/26", approved.decisionEvidence().get(1).value(), "the evidence is kept");
        assertEquals(List.of(CriterionResult.Outcome.MET, CriterionResult.Outcome.UNKNOWN),
                approved.evaluation().stream().map(CriterionResult::outcome).toList(), "as it was at the request");
        assertEquals(withPolice.version(), as(WORKER, () -> cases.find(opened.id())).orElseThrow().version(),
                "alerts are recorded beside the case: pending edits of it do not conflict");
    }

    @Test
    void theRequesterCannotDecideAndARefusalIsRecordedWithWhoWhenAndWhy() {
        Case opened = open(Map.of("police-ref", "BR.12.LB.1/26"));
        Alert requested = as(SUPERVISOR, () -> alerts.request(opened.id(), "abducted from the school gate"));

        AccessDeniedException fourEyes = assertThrows(AccessDeniedException.class,
                () -> as(SUPERVISOR, () -> alerts.decide(requested.id(), APPROVE)));
        assertTrue(fourEyes.getMessage().contains("four eyes"), fourEyes.getMessage());
        assertThrows(AccessDeniedException.class, () -> as(SUPERVISOR, () -> alerts.decide(requested.id(),
                AlertDecision.refuse("changed my mind"))), "neither approve nor refuse");
        assertThrows(AccessDeniedException.class, () -> as(WORKER, () -> alerts.decide(requested.id(),
                AlertDecision.refuse("not my call"))), "the plan lets supervisors decide");
        assertThrows(AlertNotFoundException.class, () -> as(OTHER_SUPERVISOR, () -> alerts.decide(requested.id(),
                APPROVE)), "another center cannot see the alert");
        assertEquals(AlertStatus.REQUESTED, as(SECOND_SUPERVISOR, () -> alerts.find(requested.id())).orElseThrow()
                .status(), "nothing was decided");

        Alert refused = as(SECOND_SUPERVISOR, () -> alerts.decide(requested.id(),
                AlertDecision.refuse("the police found the child's father has custody")));
        assertEquals(AlertStatus.REFUSED, refused.status());
        assertEquals("tc.supervisor2", refused.decidedBy());
        assertTrue(refused.decidedAt().isAfter(refused.requestedAt()));
        assertEquals("the police found the child's father has custody", refused.decisionReasons());
        assertNull(refused.urgency());
        assertThrows(CaseException.class, () -> as(SECOND_SUPERVISOR, () -> alerts.decide(requested.id(),
                APPROVE)), "a refusal is final");

        List<TimelineEvent> timeline = as(SUPERVISOR, () -> cases.timeline(opened.id()));
        TimelineEvent last = timeline.get(timeline.size() - 1);
        assertEquals(List.of(TimelineEvent.ALERT_REQUESTED, TimelineEvent.ALERT_REFUSED),
                timeline.stream().map(TimelineEvent::kind).filter(k -> k.startsWith("ALERT_")).toList());
        assertEquals("tc.supervisor2", last.actor());
        assertTrue(last.note().contains("reasons: the police found the child's father has custody"), last.note());
        List<String> audited = as(SUPERVISOR, () -> audit.entries(opened.id())).stream()
                .map(e -> e.actor() + " " + e.action()).toList();
        assertTrue(audited.containsAll(List.of("tc.supervisor ALERT_REQUESTED", "tc.supervisor ALERT_DECISION_REFUSED",
                "tc.supervisor2 ALERT_REFUSED")), audited.toString());

        Alert again = as(WORKER, () -> alerts.request(opened.id(), "new witness saw a stranger take her"));
        assertEquals(AlertStatus.REQUESTED, again.status());
        assertEquals(2, as(WORKER, () -> alerts.alertsOf(opened.id())).size());
        assertEquals(AlertStatus.APPROVED, as(SUPERVISOR, () -> alerts.decide(again.id(), APPROVE)).status(),
                "a supervisor who did not request this one decides it");
    }

    @Test
    void issueUpdateAndCancelMakeCapMessagesThatReferenceTheEarlierOnes() throws Exception {
        Alert approved = approvedAlert();
        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));
        assertEquals(AlertStatus.ACTIVE, issued.status());
        assertEquals(List.of(approved.id()), as(WORKER, () -> alerts.active()).stream().map(Alert::id).toList());
        assertEquals(List.of(), as(OTHER_SUPERVISOR, () -> alerts.active()), "other centers do not see it");
        Alert updated = as(SUPERVISOR, () -> alerts.update(approved.id(), "Seen in Gent at 14:00, red coat"));
        Alert cancelled = as(SECOND_SUPERVISOR, () -> alerts.cancel(approved.id(), "The child was found safe"));
        assertEquals(AlertStatus.CANCELLED, cancelled.status());
        assertEquals(List.of(), as(WORKER, () -> alerts.active()));
        assertThrows(CaseException.class, () -> as(SUPERVISOR, () -> alerts.update(approved.id(), "more")));

        List<AlertMessage> messages = cancelled.messages();
        assertEquals(List.of(AlertMessage.Type.ALERT, AlertMessage.Type.UPDATE, AlertMessage.Type.CANCEL),
                messages.stream().map(AlertMessage::type).toList());
        Element alert = cap(messages.get(0));
        assertEquals(CapWriter.NAMESPACE, alert.getNamespaceURI());
        assertEquals("Alert", text(alert, "msgType"));
        assertEquals("2026-11-28T10:00:", text(alert, "sent").substring(0, 17), "the center's time, Brussels");
        assertEquals(List.of("nl", "fr"), texts(alert, "language"), "one info per language of the center");
        assertEquals(List.of("Rescue", "Rescue"), texts(alert, "category"));
        assertEquals(List.of("Immediate", "Immediate"), texts(alert, "urgency"));
        assertEquals(List.of("Severe", "Severe"), texts(alert, "severity"));
        assertEquals(List.of("Likely", "Likely"), texts(alert, "certainty"));
        assertEquals(List.of("SAME", "CAE", "ISO3166-1", "BE", "SAME", "CAE", "ISO3166-1", "BE"), texts(alert, "valueName",
                "value"));
        assertEquals(List.of("België", "Belgique"), texts(alert, "areaDesc"));
        assertEquals(List.of("Child Alert: Noor", "Child Alert: Noor"), texts(alert, "headline"));
        String description = text(alert, "description");
        assertTrue(description.startsWith("Noor Janssens, 10. 1m30, brown hair"), description);
        assertFalse(new String(as(WORKER, () -> alerts.cap(messages.get(0).id())), StandardCharsets.UTF_8)
                .contains("2016-05-01"), "no date of birth in a public message");
        byte[] photo = png();
        assertEquals(List.of("image/png", "image/png"), texts(alert, "mimeType"));
        assertEquals(Integer.toString(photo.length), text(alert, "size"));
        assertEquals(CapWriter.sha1(photo), text(alert, "digest"));
        assertEquals(40, text(alert, "digest").length(), "SHA-1, as CAP 1.2 says");

        Element update = cap(messages.get(1));
        assertEquals("Update", text(update, "msgType"));
        assertEquals(reference(messages.get(0)), text(update, "references"));
        assertTrue(text(update, "description").endsWith("Seen in Gent at 14:00, red coat"));
        Element cancel = cap(messages.get(2));
        assertEquals("Cancel", text(cancel, "msgType"));
        assertEquals(reference(messages.get(0)) + " " + reference(messages.get(1)), text(cancel, "references"));
        assertEquals("The child was found safe", text(cancel, "note"));

        List<String> timeline = as(WORKER, () -> cases.timeline(approved.caseId())).stream().map(TimelineEvent::kind)
                .filter(k -> k.startsWith("ALERT_")).toList();
        assertEquals(List.of(TimelineEvent.ALERT_REQUESTED, TimelineEvent.ALERT_APPROVED, TimelineEvent.ALERT_ISSUED,
                TimelineEvent.ALERT_UPDATED, TimelineEvent.ALERT_CANCELLED), timeline);
        assertTrue(updated.messages().size() == 2 && issued.messages().size() == 1);
    }

    @Test
    void everyCapMessageValidatesAgainstTheCap12Schema() throws Exception {
        Schema schema = CapSchema.load();
        Alert approved = approvedAlert();
        as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));
        as(SUPERVISOR, () -> alerts.update(approved.id(), "Seen near the station <Gent-Sint-Pieters> & the tram"));
        Alert cancelled = as(SUPERVISOR, () -> alerts.cancel(approved.id(), "Found"));
        for (AlertMessage message : cancelled.messages()) {
            byte[] xml = as(WORKER, () -> alerts.cap(message.id()));
            CapSchema.validate(schema, xml);
            assertEquals(List.of("nl", "fr"), texts(parse(xml), "language"));
        }
        System.out.println("AlertServiceContract: " + cancelled.messages().size()
                + " CAP messages (Alert, Update, Cancel; nl and fr) valid against CAP 1.2");
    }

    @Test
    void aFailingChannelIsRetriedWithBackoffAndNeverHoldsUpTheOther() throws Exception {
        List<String> received = new ArrayList<>();
        boolean[] down = {true};
        AlertChannel working = (message, cap) -> received.add("a " + message.type());
        AlertChannel failing = (message, cap) -> {
            if (down[0]) {
                throw new java.io.IOException("connection refused");
            }
            received.add("b " + message.type());
        };
        dispatcher.addChannel(working, Map.of(AlertChannel.NAME_PROPERTY, "a"));
        dispatcher.addChannel(failing, Map.of(AlertChannel.NAME_PROPERTY, "b"));
        Alert approved = approvedAlert();
        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));

        Instant start = clock.instant();
        runDispatch();
        assertEquals(List.of("a ALERT"), received);
        AlertDelivery b = delivery(issued, "b");
        assertEquals(AlertDelivery.Status.FAILING, b.status());
        assertEquals(1, b.attempts());
        assertEquals("IOException: connection refused", b.lastError());
        assertEquals(AlertDelivery.Status.DELIVERED, delivery(issued, "a").status());
        ChannelStatus bStatus = as(WORKER, () -> alerts.channels()).stream().filter(c -> c.channel().equals("b"))
                .findFirst().orElseThrow();
        assertFalse(bStatus.healthy());
        assertEquals(1, bStatus.failing());
        assertTrue(dispatcher.check().healthy(), "a failing channel degrades distribution, not the platform");
        assertTrue(dispatcher.check().detail().startsWith("DEGRADED: b failing"), dispatcher.check().detail());

        runDispatch();
        assertEquals(1, delivery(issued, "b").attempts(), "not retried before its backoff is over");
        Duration firstWait = Duration.between(start, delivery(issued, "b").nextAttemptAt());
        clock.set(delivery(issued, "b").nextAttemptAt());
        runDispatch();
        assertEquals(2, delivery(issued, "b").attempts());
        Duration secondWait = Duration.between(clock.instant(), delivery(issued, "b").nextAttemptAt());
        assertTrue(secondWait.compareTo(firstWait) > 0, "the wait doubles: " + firstWait + " then " + secondWait);

        down[0] = false;
        clock.set(delivery(issued, "b").nextAttemptAt());
        runDispatch();
        assertEquals(List.of("a ALERT", "b ALERT"), received);
        assertEquals(AlertDelivery.Status.DELIVERED, delivery(issued, "b").status());
        assertEquals(3, delivery(issued, "b").attempts());
        assertTrue(as(WORKER, () -> alerts.channels()).stream().allMatch(ChannelStatus::healthy));
        assertEquals("2 channel(s) delivering", dispatcher.check().detail());
        runDispatch();
        assertEquals(2, received.size(), "a delivered message is not sent again");
    }

    @Test
    void aHungChannelFailsAtTheTimeLimitAndIsFreeForTheNextRun() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        boolean[] hung = {true};
        dispatcher.addChannel((message, cap) -> {
            if (hung[0]) {
                never.await(); // a broadcaster that accepts the connection and never answers
            }
            received.add(message.type().cap());
        }, Map.of(AlertChannel.NAME_PROPERTY, "b"));
        Alert approved = approvedAlert();
        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));

        runDispatch();
        AlertDelivery failed = delivery(issued, "b");
        assertEquals(AlertDelivery.Status.FAILING, failed.status());
        assertEquals("no answer within 2 s", failed.lastError());
        hung[0] = false;
        clock.set(failed.nextAttemptAt());
        runDispatch();
        assertEquals(List.of("Alert"), received, "the channel was not left busy: the next run delivered");
    }

    @Test
    void aFeedReadIsOneAuditEntryWhateverTheNumberOfAlerts() {
        for (int i = 0; i < 3; i++) {
            Alert approved = approvedAlert();
            as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));
        }
        long before = auditEntries();
        List<io.homeward.casemodel.alert.FeedEntry> feed = as(WORKER, () -> alerts.feed());
        assertEquals(3, feed.size());
        assertTrue(feed.stream().allMatch(e -> new String(e.cap(), StandardCharsets.UTF_8).contains(
                e.alert().messages().get(0).id().toString())), "each alert with its latest CAP message");
        assertEquals(before + 1, auditEntries());
        assertEquals(List.of(), as(OTHER_SUPERVISOR, () -> alerts.feed()), "other centers see none");
    }

    private long auditEntries() {
        return database.inTransaction(session -> session.createNativeQuery("select count(*) from hw_audit",
                Long.class).getSingleResult());
    }

    @Test
    void twoNodesNeverDeliverOneMessageTwice() throws Exception {
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // node 1 reads the due delivery, then its delivery thread is held before it claims (the claim starts by
        // reading the clock) until node 2 has read, claimed and delivered the same row
        java.time.Clock holding = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                if (Thread.currentThread().getName().equals("homeward-alert-delivery")) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return clock.instant();
            }
        };
        AlertDispatcher nodeOne = new AlertDispatcher(database, new Backoff(60, 600), holding, false);
        AlertDispatcher nodeTwo = dispatcher; // the service's: it queues the message for channel "a"
        nodeOne.addChannel((message, cap) -> received.add("node 1"), Map.of(AlertChannel.NAME_PROPERTY, "a"));
        nodeTwo.addChannel((message, cap) -> received.add("node 2"), Map.of(AlertChannel.NAME_PROPERTY, "a"));
        Alert approved = approvedAlert();
        as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));

        List<Future<?>> nodeOneRuns = nodeOne.dispatch();
        assertEquals(1, nodeOneRuns.size(), "node 1 read the delivery as due");
        for (Future<?> run : nodeTwo.dispatch()) {
            run.get();
        }
        assertEquals(List.of("node 2"), received);
        release.countDown();
        for (Future<?> run : nodeOneRuns) {
            run.get();
        }
        assertEquals(List.of("node 2"), received, "node 1's claim of what it read found the row taken");
        nodeOne.stop();
    }

    @Test
    void aChannelBackFromAnOutageGetsTheAlertBeforeItsCancel() throws Exception {
        List<String> received = new ArrayList<>();
        boolean[] down = {true};
        dispatcher.addChannel((message, cap) -> {
            if (down[0]) {
                throw new java.io.IOException("connection refused");
            }
            received.add(message.type().cap());
        }, Map.of(AlertChannel.NAME_PROPERTY, "b"));
        Alert approved = approvedAlert();
        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));
        runDispatch();
        Instant alertRetry = delivery(issued, "b").nextAttemptAt();
        Alert cancelled = as(SUPERVISOR, () -> alerts.cancel(approved.id(), "Found safe"));

        down[0] = false;
        runDispatch();
        assertEquals(List.of(), received, "the Cancel is due, but waits for the Alert, which waits out its backoff");
        clock.set(alertRetry);
        runDispatch();
        runDispatch();
        assertEquals(List.of("Alert", "Cancel"), received);
        assertTrue(as(WORKER, () -> alerts.deliveries(cancelled.id())).stream()
                .allMatch(d -> d.status() == AlertDelivery.Status.DELIVERED));
    }

    @Test
    void referencesQuoteTheSentOfEarlierMessagesAsPublishedEvenAfterTheCenterZoneChanged() throws Exception {
        Alert approved = approvedAlert();
        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));
        String sentAsPublished = text(cap(issued.messages().get(0)), "sent");
        assertTrue(sentAsPublished.endsWith("+01:00"), sentAsPublished);
        Center brussels = centers.center(TestCenters.TEST).orElseThrow();
        centers.add(new Center(brussels.id(), brussels.name(), brussels.country(), java.time.ZoneId.of("Europe/Athens"),
                brussels.languages(), brussels.hotlines(), brussels.caseNumbers(), brussels.fields(),
                brussels.categories(), brussels.workflows(), brussels.alertCriteria(), brussels.sections(),
                brussels.hub(), brussels.plugin(), brussels.plan().orElseThrow()));

        Alert updated = as(SUPERVISOR, () -> alerts.update(approved.id(), "Seen in Gent"));
        Element update = cap(updated.messages().get(1));
        assertTrue(text(update, "sent").endsWith("+02:00"), "a new message is in the center's zone now");
        assertEquals(issued.messages().get(0).sender() + "," + issued.messages().get(0).id() + "," + sentAsPublished,
                text(update, "references"), "the reference matches the Alert byte for byte");
    }

    @Test
    void thePhotoIsTheImageChosenAtTheIssueAndNoneWhenNoneIsChosen() throws Exception {
        Alert approved = approvedAlert();
        byte[] pdf = "%PDF-1.4 scanned statement".getBytes(StandardCharsets.UTF_8);
        java.util.UUID document = as(WORKER, () -> cases.attach(approved.caseId(), "statement.pdf",
                "application/pdf", pdf.length, new ByteArrayInputStream(pdf), "tc.worker")).id();
        Case other = open(Map.of());
        byte[] png = png();
        java.util.UUID otherPhoto = as(WORKER, () -> cases.attach(other.id(), "other.png", "image/png", png.length,
                new ByteArrayInputStream(png), "tc.worker")).id();

        InvalidCaseException notImage = assertThrows(InvalidCaseException.class,
                () -> as(SUPERVISOR, () -> alerts.issue(approved.id(), document)));
        assertTrue(notImage.getMessage().contains("not an image"), notImage.getMessage());
        InvalidCaseException notOfCase = assertThrows(InvalidCaseException.class,
                () -> as(SUPERVISOR, () -> alerts.issue(approved.id(), otherPhoto)));
        assertTrue(notOfCase.getMessage().contains("not an attachment of case"), notOfCase.getMessage());
        assertEquals(AlertStatus.APPROVED, as(WORKER, () -> alerts.find(approved.id())).orElseThrow().status(),
                "nothing issued");

        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), null));
        assertNull(issued.photoId());
        assertEquals(List.of(), texts(cap(issued.messages().get(0)), "resource"),
                "the case has an image, but nobody chose it: no photo");
        assertTrue(as(WORKER, () -> cases.timeline(approved.caseId())).stream()
                .anyMatch(e -> TimelineEvent.ALERT_ISSUED.equals(e.kind()) && e.note().contains("no photo")));

        Alert second = approvedAlert();
        Alert withPhoto = as(SUPERVISOR, () -> alerts.issue(second.id(), photoId));
        assertEquals(photoId, withPhoto.photoId(), "recorded with the alert");
        assertEquals(List.of("image/png", "image/png"), texts(cap(withPhoto.messages().get(0)), "mimeType"));
        Alert updated = as(SUPERVISOR, () -> alerts.update(second.id(), "Seen in Gent"));
        assertEquals(List.of("image/png", "image/png"), texts(cap(updated.messages().get(1)), "mimeType"),
                "an update shows the photo chosen at the issue");
    }

    @Test
    void aClosedCaseGetsNoNewAlertButItsActiveAlertCanStillBeCancelled() {
        Alert approved = approvedAlert();
        Alert issued = as(SUPERVISOR, () -> alerts.issue(approved.id(), photoId));
        Alert pending = approvedAlert();
        close(approved.caseId());
        close(pending.caseId());

        CaseException notIssued = assertThrows(CaseException.class,
                () -> as(SUPERVISOR, () -> alerts.issue(pending.id(), null)));
        assertTrue(notIssued.getMessage().contains("the case is closed"), notIssued.getMessage());
        assertEquals(AlertStatus.APPROVED, as(WORKER, () -> alerts.find(pending.id())).orElseThrow().status());
        CaseException notRequested = assertThrows(CaseException.class,
                () -> as(WORKER, () -> alerts.request(pending.caseId(), "again")));
        assertTrue(notRequested.getMessage().contains("the case is closed"), notRequested.getMessage());

        assertEquals(AlertStatus.CANCELLED, as(SUPERVISOR, () -> alerts.cancel(issued.id(), "Found safe")).status(),
                "an active alert outlives its case's closing until it is cancelled");
    }

    @Test
    void evidenceLongerThanItsColumnIsKeptCutWithAMarker() {
        Case opened = open(Map.of());
        String long3000 = "x".repeat(3000);
        AlertEntity alert = new AlertEntity(opened.id(), TestCenters.TEST, "tc.worker", NOVEMBER_2026, "reason",
                List.of(new CriterionResult("circumstances", CriterionResult.Outcome.MET, "field", long3000,
                        labels("Circumstances"))));
        database.inTransaction(session -> {
            session.persist(alert);
            return null;
        });
        String kept = as(WORKER, () -> alerts.find(alert.id())).orElseThrow().evaluation().get(0).value();
        assertEquals(AlertEvidenceRow.VALUE_LENGTH, kept.length());
        assertTrue(kept.endsWith(" […]") && kept.startsWith("xxx"), kept.substring(kept.length() - 10));
    }

    private void close(java.util.UUID caseId) {
        Case c = as(WORKER, () -> cases.find(caseId)).orElseThrow();
        assertTrue(as(WORKER, () -> cases.perform(caseId, "finish", c.version(), Map.of(), null, "tc.worker"))
                .isClosed());
    }

    private Alert approvedAlert() {
        Case opened = open(Map.of("police-ref", "BR.12.LB.1/26"));
        byte[] photo = png();
        photoId = as(WORKER, () -> cases.attach(opened.id(), "noor.png", "image/png", photo.length,
                new ByteArrayInputStream(photo), "tc.worker")).id();
        Alert requested = as(WORKER, () -> alerts.request(opened.id(), "abducted from the school gate"));
        return as(SUPERVISOR, () -> alerts.decide(requested.id(), APPROVE));
    }

    private Case open(Map<String, String> fields) {
        return as(WORKER, () -> cases.open(new NewCase(TestCenters.TEST, "abduction", "BE", RiskLevel.HIGH,
                "taken by a stranger", fields, List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Noor",
                        Sex.FEMALE, LocalDate.of(2016, 5, 1), "1m30, brown hair", "+32 470 00 00 00"))), "tc.worker"));
    }

    private void runDispatch() throws Exception {
        for (Future<?> run : dispatcher.dispatch()) {
            run.get();
        }
    }

    private AlertDelivery delivery(Alert alert, String channel) {
        return as(WORKER, () -> alerts.deliveries(alert.id())).stream().filter(d -> d.channel().equals(channel))
                .findFirst().orElseThrow();
    }

    private Element cap(AlertMessage message) throws Exception {
        return parse(as(WORKER, () -> alerts.cap(message.id())));
    }

    private static Element parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return document.getDocumentElement();
    }

    private static String reference(AlertMessage message) {
        return message.sender() + "," + message.id() + "," + CapWriter.time(message.sent(),
                TestCenters.testCenter(TestCenters.missingV1()));
    }

    private static String text(Element root, String name) {
        return root.getElementsByTagNameNS(CapWriter.NAMESPACE, name).item(0).getTextContent();
    }

    private static List<String> texts(Element root, String... names) {
        List<String> all = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS(CapWriter.NAMESPACE, "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            if (List.of(names).contains(nodes.item(i).getLocalName())) {
                all.add(nodes.item(i).getTextContent());
            }
        }
        return all;
    }

    /** A small real PNG, as the child's photo. */
    private static byte[] png() {
        try {
            BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            image.setRGB(1, 1, 0xff0000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Labels labels(String english) {
        return new Labels(Map.of("en", english));
    }

    private static <T> T as(Subject subject, Supplier<T> work) {
        return SubjectContext.callAs(subject, work);
    }

    /** The dispatcher's configuration with the given backoff. */
    private record Backoff(long base, long max) implements AlertDispatcher.Configuration {
        @Override
        public Class<? extends Annotation> annotationType() {
            return AlertDispatcher.Configuration.class;
        }

        @Override
        public long intervalSeconds() {
            return 1;
        }

        @Override
        public long retryBaseSeconds() {
            return base;
        }

        @Override
        public long retryMaxSeconds() {
            return max;
        }

        @Override
        public long leaseSeconds() {
            return 120;
        }

        @Override
        public long deliveryTimeoutSeconds() {
            return 2;
        }
    }
}
