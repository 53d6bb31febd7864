package io.homeward.store.internal.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.exchange.ExchangeService.SignedPackage;
import io.homeward.casemodel.exchange.ExchangeService;
import io.homeward.casemodel.exchange.OutboxEntry;
import io.homeward.casemodel.exchange.PackageRefusedException.Reason;
import io.homeward.casemodel.exchange.PackageRefusedException;
import io.homeward.casemodel.exchange.Receipt;
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
import io.homeward.store.internal.cases.CaseServiceImpl;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the exchange promises, against a real database: delivery, idempotent receipt (also by two nodes at once),
 * retries with backoff, final refusals, and refused packages leaving nothing behind. Two deployments share the test
 * database here: "brussels" owns the {@value TestCenters#TEST} cases, "athens" receives into
 * {@value TestCenters#OTHER}; both sign with the database's one key pair, configured as each other's partner.
 */
abstract class ExchangeContract extends DatabaseContract {

    private static final Instant MARCH_2026 = Instant.parse("2026-03-01T10:00:00Z");

    private final List<Runnable> appenders = new ArrayList<>();
    private TestClock clock;
    private CaseServiceImpl cases;
    private ExchangeServiceImpl brussels;
    private ExchangeServiceImpl athens;

    @BeforeEach
    void emptyStore() {
        emptyTables(List.of("hw_exchange_inbox", "hw_exchange_outbox", "hw_exchange_key", "hw_case_note",
                "hw_attachment_content", "hw_attachment", "hw_timeline_event", "hw_case_field", "hw_person",
                "hw_case_share", "hw_sla_timer", "hw_case", "hw_case_number", "hw_audit"));
        database.inTransaction(session -> session.createNativeMutationQuery(
                "update hw_audit_head set last_seq = 0, last_hash = :genesis").setParameter("genesis", AuditLog.GENESIS)
                .executeUpdate());
        clock = new TestClock(MARCH_2026);
        TestCenters centers = new TestCenters();
        cases = new CaseServiceImpl(database, centers, new DirectPluginCalls(), clock);
        AuditLog audit = new AuditLog(database, new CaseAccess(database, centers, clock), clock);
        brussels = new ExchangeServiceImpl(database, cases, centers, audit, clock, "brussels");
        athens = new ExchangeServiceImpl(database, cases, centers, audit, clock, "athens");
        String key = brussels.identity().publicKey();
        brussels.addPartner(new ExchangePartner("athens", key, "https://athens.example", TestCenters.OTHER));
        athens.addPartner(new ExchangePartner("brussels", key, "https://brussels.example", null));
    }

    @Test
    void aDeliveredPackageOpensOneCaseAtTheTargetCenterAndTheSenderSeesItsNumber() {
        Case sent = cases.open(intake(), "worker");
        OutboxEntry queued = brussels.send(sent.id(), "athens", null, "please check the ferry lists", "worker");
        assertEquals(OutboxEntry.Status.PENDING, queued.status());
        assertEquals(TestCenters.OTHER, queued.targetCenter(), "the partner's configured center");

        assertEquals(1, outbox(deliveringTo(athens)).deliverDue());

        OutboxEntry delivered = brussels.outbox(sent.id(), null).get(0);
        assertEquals(OutboxEntry.Status.DELIVERED, delivered.status());
        assertEquals(1, delivered.attempts());
        Case received = only(TestCenters.OTHER);
        assertEquals(received.number(), delivered.partnerCaseNumber());
        assertEquals("fugi", received.category(), "the target center's category for the case type");
        assertEquals(Map.of("last-seen", "2026-02-28"), received.fields(),
                "fields the target center declares; nationality is not one of them");
        assertEquals("Emma", received.persons().get(0).details().givenName());
        assertNull(received.persons().get(1).details().phone(), "no phone numbers leave the sender");
        TimelineEvent receivedEvent = last(received);
        assertEquals(ExchangeService.RECEIVED, receivedEvent.kind());
        assertEquals("exchange:brussels", receivedEvent.actor());
        assertTrue(receivedEvent.note().contains(sent.number()) && receivedEvent.note().contains("ferry lists"),
                receivedEvent.note());
        assertEquals(List.of(ExchangeService.SENT, ExchangeService.DELIVERED), cases.timeline(sent.id()).stream()
                .map(TimelineEvent::kind).filter(k -> k.startsWith("EXCHANGE")).toList());
        assertTrue(last(sent).note().contains(received.number()), last(sent).note());
        assertEquals(sent.version(), cases.find(sent.id()).orElseThrow().version(),
                "recording the exchange changes nothing staff decide on");
        assertEquals(sent.number(), athens.inbox(TestCenters.OTHER).get(0).senderCaseNumber());
    }

    @Test
    void aPackageReceivedTwiceMakesOneCase() {
        SignedPackage pkg = queued();

        Receipt first = athens.receive(pkg.content(), pkg.signature());
        Receipt second = athens.receive(pkg.content(), pkg.signature());

        assertFalse(first.duplicate());
        assertTrue(second.duplicate());
        assertEquals(first.caseNumber(), second.caseNumber());
        assertEquals(1, count(TestCenters.OTHER));
        assertEquals(1, athens.inbox(null).size());
    }

    @Test
    void twoNodesReceivingOnePackageAtOnceMakeOneCase() throws Exception {
        SignedPackage pkg = queued();
        ExchangeServiceImpl otherNode = new ExchangeServiceImpl(database, cases, new TestCenters(),
                new AuditLog(database, new CaseAccess(database, new TestCenters(), clock), clock), clock, "athens");
        otherNode.addPartner(athens.partner("brussels").orElseThrow());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Receipt>> receipts = new ArrayList<>();
            for (ExchangeServiceImpl node : List.of(athens, otherNode)) {
                Callable<Receipt> receive = () -> {
                    start.await();
                    return node.receive(pkg.content(), pkg.signature());
                };
                receipts.add(pool.submit(receive));
            }
            Receipt a = receipts.get(0).get();
            Receipt b = receipts.get(1).get();
            assertEquals(a.caseNumber(), b.caseNumber());
            assertTrue(a.duplicate() != b.duplicate(), "one node created the case, the other found it");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count(TestCenters.OTHER));
    }

    @Test
    void aFailedDeliveryIsRetriedWithGrowingWaitsUntilThePartnerIsBack() {
        Case sent = cases.open(intake(), "worker");
        brussels.send(sent.id(), "athens", null, null, "worker");
        AtomicInteger calls = new AtomicInteger();
        ExchangeOutbox.Transport downTwice = (partner, content, signature) -> calls.incrementAndGet() <= 2
                ? new ExchangeOutbox.Outcome.Failed("no answer (ConnectException)")
                : deliveringTo(athens).deliver(partner, content, signature);
        ExchangeOutbox outbox = outbox(downTwice);

        assertEquals(1, outbox.deliverDue());
        OutboxEntry afterFirst = brussels.outbox(sent.id(), null).get(0);
        assertEquals(OutboxEntry.Status.PENDING, afterFirst.status());
        assertEquals(1, afterFirst.attempts());
        assertEquals("no answer (ConnectException)", afterFirst.lastError());
        assertEquals(0, outbox.deliverDue(), "not due before its wait is over");

        clock.set(afterFirst.nextAttemptAt());
        assertEquals(1, outbox.deliverDue());
        OutboxEntry afterSecond = brussels.outbox(sent.id(), null).get(0);
        assertEquals(2, afterSecond.attempts());
        assertTrue(Duration.between(afterFirst.nextAttemptAt(), afterSecond.nextAttemptAt())
                .compareTo(Duration.ofSeconds(120)) >= 0, "the second wait is twice the first (60 s)");
        assertEquals(0, count(TestCenters.OTHER));

        clock.set(afterSecond.nextAttemptAt());
        assertEquals(1, outbox.deliverDue());
        assertEquals(OutboxEntry.Status.DELIVERED, brussels.outbox(sent.id(), null).get(0).status());
        assertEquals(3, calls.get());
        assertEquals(1, count(TestCenters.OTHER));
    }

    @Test
    void aRefusalIsFinalAndOnTheSendersTimeline() {
        Case sent = cases.open(intake(), "worker");
        brussels.send(sent.id(), "athens", "no-such-center", null, "worker");
        ExchangeOutbox outbox = outbox((partner, content, signature) -> {
            try {
                athens.receive(content, java.util.Base64.getDecoder().decode(signature));
                throw new AssertionError("the receiver has no center no-such-center");
            } catch (PackageRefusedException e) {
                return new ExchangeOutbox.Outcome.Refused("HTTP 422: " + e.getMessage());
            }
        });

        assertEquals(1, outbox.deliverDue());

        OutboxEntry refused = brussels.outbox(sent.id(), null).get(0);
        assertEquals(OutboxEntry.Status.REFUSED, refused.status());
        assertTrue(refused.lastError().contains("no center no-such-center"), refused.lastError());
        assertEquals(ExchangeService.REFUSED, last(sent).kind());
        clock.set(MARCH_2026.plus(Duration.ofDays(30)));
        assertEquals(0, outbox.deliverDue(), "never retried");
        assertEquals(0, count(TestCenters.OTHER));
    }

    @Test
    void aNodeDoesNotDeliverAnEntryAnotherNodeIsDelivering() {
        Case sent = cases.open(intake(), "worker");
        brussels.send(sent.id(), "athens", null, null, "worker");
        AtomicInteger deliveries = new AtomicInteger();
        ExchangeOutbox[] otherNode = new ExchangeOutbox[1];
        ExchangeOutbox node = outbox((partner, content, signature) -> {
            deliveries.incrementAndGet();
            // while this node delivers, the other node's run finds nothing due
            assertEquals(0, otherNode[0].deliverDue());
            return deliveringTo(athens).deliver(partner, content, signature);
        });
        otherNode[0] = outbox((partner, content, signature) -> {
            throw new AssertionError("the entry is taken");
        });

        assertEquals(1, node.deliverDue());
        assertEquals(1, deliveries.get());
        assertEquals(0, otherNode[0].deliverDue(), "delivered: nothing left");
        assertEquals(1, count(TestCenters.OTHER));
    }

    @Test
    void aTamperedPackageIsRefusedAndStoresNothing() {
        SignedPackage pkg = queued();
        byte[] tampered = new String(pkg.content(), StandardCharsets.UTF_8).replace("Emma", "Emmb")
                .getBytes(StandardCharsets.UTF_8);

        PackageRefusedException refused = assertThrows(PackageRefusedException.class,
                () -> athens.receive(tampered, pkg.signature()));

        assertEquals(Reason.BAD_SIGNATURE, refused.reason());
        assertNothingReceived();
    }

    @Test
    void packagesOfUnknownPartnersMalformedOrForUnknownCentersAreRefusedAndStoreNothing() {
        SignedPackage pkg = queued();
        ExchangeServiceImpl stranger = new ExchangeServiceImpl(database, cases, new TestCenters(),
                new AuditLog(database, new CaseAccess(database, new TestCenters(), clock), clock), clock, "athens");

        assertEquals(Reason.UNKNOWN_PARTNER, assertThrows(PackageRefusedException.class,
                () -> stranger.receive(pkg.content(), pkg.signature())).reason());
        assertEquals(Reason.MALFORMED, assertThrows(PackageRefusedException.class,
                () -> athens.receive("{\"format\":".getBytes(StandardCharsets.UTF_8), pkg.signature())).reason());
        Case other = cases.open(intake(), "worker");
        SignedPackage unknownCenter = brussels.export(brussels.send(other.id(), "athens", "nowhere", null, "worker")
                .packageId()).signed();
        PackageRefusedException rejected = assertThrows(PackageRefusedException.class,
                () -> athens.receive(unknownCenter.content(), unknownCenter.signature()));
        assertEquals(Reason.REJECTED, rejected.reason());
        assertTrue(rejected.getMessage().contains("no center nowhere"), rejected.getMessage());

        assertNothingReceived();
    }

    @Test
    void sendingNeedsAConfiguredPartnerAndIdentity() {
        Case sent = cases.open(intake(), "worker");
        ExchangeServiceImpl unnamed = new ExchangeServiceImpl(database, cases, new TestCenters(),
                new AuditLog(database, new CaseAccess(database, new TestCenters(), clock), clock), clock, "");

        assertThrows(io.homeward.casemodel.InvalidCaseException.class,
                () -> brussels.send(sent.id(), "nobody", null, null, "worker"));
        assertThrows(io.homeward.casemodel.InvalidCaseException.class,
                () -> unnamed.send(sent.id(), "athens", null, null, "worker"));
        assertTrue(brussels.outbox(null, null).isEmpty());
    }

    @Test
    void aPackageSignedForOneDeploymentIsRefusedAtAnotherThatTrustsTheSender() {
        SignedPackage forAthens = queued();
        // Lisbon trusts Brussels too: without the signed recipient it would accept Athens' package
        ExchangeServiceImpl lisbon = node("lisbon");
        lisbon.addPartner(athens.partner("brussels").orElseThrow());
        ExchangeServiceImpl unnamed = node("");
        unnamed.addPartner(athens.partner("brussels").orElseThrow());
        ListAppender<ILoggingEvent> log = capture(ExchangeServiceImpl.class);

        PackageRefusedException atLisbon = assertThrows(PackageRefusedException.class,
                () -> lisbon.receive(forAthens.content(), forAthens.signature()));
        PackageRefusedException atUnnamed = assertThrows(PackageRefusedException.class,
                () -> unnamed.receive(forAthens.content(), forAthens.signature()));

        assertEquals(Reason.WRONG_RECIPIENT, atLisbon.reason());
        assertTrue(atLisbon.getMessage().contains("addressed to deployment athens, not to this deployment (lisbon)"),
                atLisbon.getMessage());
        assertEquals(Reason.WRONG_RECIPIENT, atUnnamed.reason());
        assertTrue(atUnnamed.getMessage().contains("no exchange id"), atUnnamed.getMessage());
        assertNothingReceived();
        String packageId = brussels.outbox(null, null).get(0).packageId().toString();
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("Refused exchange package: WRONG_RECIPIENT sender=brussels package=" + packageId,
                "Refused exchange package: WRONG_RECIPIENT sender=brussels package=" + packageId), lines,
                "the reason code and ids, nothing of the content");
        assertFalse(athens.receive(forAthens.content(), forAthens.signature()).duplicate(), "its recipient takes it");
    }

    @Test
    void aSignedPackageTooLargeForTheReceiverIsMalformedNotAStoreFailure() {
        ExchangePackage valid = ExchangePackage.parse(queued().content());
        ExchangePackage longReference = new ExchangePackage(java.util.UUID.randomUUID(), "brussels", "athens",
                valid.created(), valid.targetCenter(), "R".repeat(101), valid.type(), valid.country(),
                valid.riskLevel(), valid.riskReason(), valid.fields(), valid.persons(), null);
        byte[] content = longReference.toJson();
        byte[] signature = ExchangeKeys.sign(ExchangeKeys.privateKey(database.inTransaction(s -> s.find(
                ExchangeKeyEntity.class, ExchangeKeyEntity.DEPLOYMENT)).privateKey()), content);
        ListAppender<ILoggingEvent> log = capture(ExchangeServiceImpl.class);

        PackageRefusedException refused = assertThrows(PackageRefusedException.class,
                () -> athens.receive(content, signature));

        assertEquals(Reason.MALFORMED, refused.reason());
        assertTrue(refused.getMessage().contains("case.reference is longer than 100 characters"),
                refused.getMessage());
        assertNothingReceived();
        assertEquals(List.of("Refused exchange package: MALFORMED sender=brussels package="
                + longReference.packageId()), log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void aClosedCaseIsNotSent() {
        Case opened = cases.open(intake(), "worker");
        cases.perform(opened.id(), "investigate", 0, Map.of("police-ref", "PV-1"), null, "worker");
        Case closed = cases.perform(opened.id(), "close", 1, Map.of("outcome", "FOUND"), null, "supervisor");
        assertTrue(closed.isClosed());

        io.homeward.casemodel.CaseException refused = assertThrows(io.homeward.casemodel.CaseException.class,
                () -> brussels.send(closed.id(), "athens", null, null, "worker"));

        assertTrue(refused.getMessage().contains("is closed; a closed case is not handed on"), refused.getMessage());
        assertTrue(brussels.outbox(null, null).isEmpty());
        assertTrue(cases.timeline(closed.id()).stream().noneMatch(e -> e.kind().startsWith("EXCHANGE")));
    }

    @Test
    void theFirstNodeToCreateTheKeyWinsAndAnyOtherFailureSurfaces() {
        emptyTables(List.of("hw_exchange_key"));
        ExchangeServiceImpl winner = node("brussels");
        // the loser's clock is read while it builds its key row: the winner stores its own key at that moment
        AtomicInteger readings = new AtomicInteger();
        ExchangeServiceImpl loser = new ExchangeServiceImpl(database, cases, new TestCenters(), audit(),
                clockReading(() -> {
                    if (readings.getAndIncrement() == 0) {
                        winner.identity();
                    }
                    return MARCH_2026;
                }), "brussels");
        assertEquals(loser.identity().publicKey(), winner.identity().publicKey(), "the loser reads the winner's key");

        emptyTables(List.of("hw_exchange_key"));
        ExchangeServiceImpl failing = new ExchangeServiceImpl(database, cases, new TestCenters(), audit(),
                clockReading(() -> {
                    throw new IllegalStateException("the clock is broken");
                }), "brussels");
        assertEquals("the clock is broken", assertThrows(IllegalStateException.class, failing::identity)
                .getMessage(), "not taken for another node's win");
    }

    /** @return a UTC clock whose every reading is the supplier's */
    private static Clock clockReading(Supplier<Instant> reading) {
        return new Clock() {
            @Override
            public Instant instant() {
                return reading.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void theOutboxAndInboxListsAndExportsAreAudited() {
        CaseAccess access = new CaseAccess(database, new TestCenters(), clock);
        AuditLog audit = new AuditLog(database, access, clock);
        AuthorizedCaseService authorizedCases = new AuthorizedCaseService(cases, access, audit);
        AuthorizedExchangeService exchange = new AuthorizedExchangeService(brussels, authorizedCases, audit);
        Case sent = cases.open(intake(), "worker");
        java.util.UUID packageId = brussels.send(sent.id(), "athens", null, null, "worker").packageId();
        Subject worker = Subject.user("tc.worker", TestCenters.TEST, java.util.Set.of(Role.CASE_WORKER));

        SubjectContext.callAs(worker, () -> exchange.outbox(sent.id()));
        SubjectContext.callAs(worker, exchange::inbox);
        SubjectContext.callAs(Subject.system("console"), () -> exchange.export(packageId));

        List<Object[]> rows = database.inTransaction(session -> session.createNativeQuery("select actor, action,"
                + " cast(case_id as varchar(36)), detail from hw_audit where action like 'EXCHANGE%' order by seq",
                Object[].class).getResultList());
        assertEquals(List.of("tc.worker EXCHANGE_OUTBOX_READ " + sent.id() + " 1 packages, of cases " + sent.number(),
                "tc.worker EXCHANGE_INBOX_READ null 0 packages",
                "console EXCHANGE_EXPORTED " + sent.id() + " package " + packageId + " exported as files"),
                rows.stream().map(r -> r[0] + " " + r[1] + " " + r[2] + " " + r[3]).toList());
    }

    private ExchangeServiceImpl node(String deploymentId) {
        return new ExchangeServiceImpl(database, cases, new TestCenters(), audit(), clock, deploymentId);
    }

    private AuditLog audit() {
        return new AuditLog(database, new CaseAccess(database, new TestCenters(), clock), clock);
    }

    /** @return the log events of the class's logger from now until the test ends */
    private ListAppender<ILoggingEvent> capture(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        appenders.add(() -> logger.detachAppender(appender));
        return appender;
    }

    @AfterEach
    void detachAppenders() {
        appenders.forEach(Runnable::run);
        appenders.clear();
    }

    private void assertNothingReceived() {
        assertEquals(0, count(TestCenters.OTHER));
        assertTrue(athens.inbox(null).isEmpty());
    }

    /** A case of Brussels queued for Athens, and its package. */
    private SignedPackage queued() {
        Case sent = cases.open(intake(), "worker");
        return brussels.export(brussels.send(sent.id(), "athens", null, null, "worker").packageId()).signed();
    }

    /** Delivers straight into the receiving service, answering as its HTTP endpoint would. */
    private static ExchangeOutbox.Transport deliveringTo(ExchangeServiceImpl receiver) {
        return (partner, content, signature) -> {
            try {
                Receipt receipt = receiver.receive(content, java.util.Base64.getDecoder().decode(signature));
                return new ExchangeOutbox.Outcome.Delivered(receipt.caseNumber());
            } catch (PackageRefusedException e) {
                return new ExchangeOutbox.Outcome.Refused(e.getMessage());
            }
        };
    }

    private ExchangeOutbox outbox(ExchangeOutbox.Transport transport) {
        return new ExchangeOutbox(database, brussels, transport, clock, new TestConfiguration());
    }

    private Case only(String centerId) {
        List<Case> found = cases.search(CaseQuery.all().withCenter(centerId)).cases();
        assertEquals(1, found.size());
        return found.get(0);
    }

    private long count(String centerId) {
        return cases.search(CaseQuery.all().withCenter(centerId)).total();
    }

    private TimelineEvent last(Case c) {
        List<TimelineEvent> timeline = cases.timeline(c.id());
        return timeline.get(timeline.size() - 1);
    }

    private static NewCase intake() {
        return new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.HIGH, "left a note; has no money",
                Map.of("last-seen", "2026-02-28", "nationality", "NL"),
                List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Emma", Sex.FEMALE, LocalDate.of(2012, 5, 4),
                        "red coat", null), new PersonDetails(PersonRole.REPORTER, "Janssens", "Sofie", Sex.FEMALE,
                        null, null, "+32 470 00 00 00")));
    }

    /** Retries after 60 s, then 120 s, ...; no schedule (the tests call deliverDue). */
    private static final class TestConfiguration implements ExchangeConfiguration {
        @Override
        public Class<? extends Annotation> annotationType() {
            return ExchangeConfiguration.class;
        }

        @Override
        public String deploymentId() {
            return "brussels";
        }

        @Override
        public long intervalSeconds() {
            return 1;
        }

        @Override
        public long retryBaseSeconds() {
            return 60;
        }

        @Override
        public long retryMaxSeconds() {
            return 3600;
        }

        @Override
        public long timeoutSeconds() {
            return 5;
        }
    }
}
