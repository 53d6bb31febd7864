package io.homeward.store.internal.alerts;

import io.homeward.casemodel.AttachmentContent;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertDecision;
import io.homeward.casemodel.alert.AlertDelivery;
import io.homeward.casemodel.alert.AlertEvaluation;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.alert.AlertNotFoundException;
import io.homeward.casemodel.alert.AlertStatus;
import io.homeward.casemodel.alert.ChannelStatus;
import io.homeward.casemodel.alert.CriterionResult;
import io.homeward.casemodel.center.AlertPlan;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.store.internal.audit.PendingAudit;
import io.homeward.store.internal.caserecord.CaseEntity;
import io.homeward.store.internal.caserecord.CaseRules;
import io.homeward.store.internal.caserecord.SideTimeline;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts in the database, without authorization: {@link AuthorizedAlertService} is the service other bundles get.
 * Each change is one transaction that first locks the case's row, as every change of a case does, so that two
 * changes of one case's alerts are serialized across nodes; the alert's status is checked again under that lock.
 * Requests, decisions and messages are appended to the case's timeline in the same transaction. A new message is
 * queued, in the same transaction, for every channel registered at that moment ({@link AlertDispatcher}).
 */
@Component(service = AlertServiceImpl.class)
public class AlertServiceImpl {

    static final int TEXT_LENGTH = 2000;
    private static final Set<AlertStatus> OPEN = Set.of(AlertStatus.REQUESTED, AlertStatus.APPROVED,
            AlertStatus.ACTIVE);
    private static final Logger LOG = LoggerFactory.getLogger(AlertServiceImpl.class);

    private final Database database;
    private final CenterRegistry centers;
    private final CaseServiceImpl cases;
    private final AlertDispatcher dispatcher;
    private final Clock clock;

    @Activate
    public AlertServiceImpl(@Reference Database database, @Reference CenterRegistry centers,
            @Reference CaseServiceImpl cases, @Reference AlertDispatcher dispatcher) {
        this(database, centers, cases, dispatcher, Clock.systemUTC());
    }

    AlertServiceImpl(Database database, CenterRegistry centers, CaseServiceImpl cases, AlertDispatcher dispatcher,
            Clock clock) {
        this.database = database;
        this.centers = centers;
        this.cases = cases;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** @return the case, never null */
    Case caseOf(UUID caseId) {
        return cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    }

    /** @return the alert plan of the case's center */
    AlertPlan plan(Case subject) {
        return center(subject.centerId()).plan().orElseThrow(() -> new CaseException("center " + subject.centerId()
                + " declares no alert plan: alerts cannot be requested for case " + subject.number()));
    }

    AlertEvaluation evaluate(Case subject) {
        Center center = center(subject.centerId());
        return AlertEvaluation.of(plan(subject).criteria(), subject, LocalDate.ofInstant(clock.instant(), center.timeZone()));
    }

    /**
     * The transfers domain asks too: a case is not transferred while an alert is under way.
     *
     * @return the statuses of the case's alerts that are requested, approved or active; empty when none is
     */
    public static List<AlertStatus> openAlerts(Session session, UUID caseId) {
        return session.createSelectionQuery("select a.status from AlertEntity a where a.caseId = :caseId"
                + " and a.status in :open", AlertStatus.class)
                .setParameter("caseId", caseId).setParameter("open", OPEN).getResultList();
    }

    Alert request(UUID caseId, String reason, String actor) {
        required("reason", reason);
        Case subject = caseOf(caseId);
        AlertEvaluation evaluation = evaluate(subject);
        Alert requested = change(caseId, true, "requested", (session, now) -> {
            List<AlertStatus> open = openAlerts(session, caseId);
            if (!open.isEmpty()) {
                throw new CaseException("case " + subject.number() + " already has an alert " + open.get(0)
                        .name().toLowerCase(Locale.ROOT) + "; decide on it, or cancel it, first");
            }
            AlertEntity alert = new AlertEntity(caseId, subject.centerId(), actor, now, reason.strip(),
                    evaluation.results());
            session.persist(alert);
            SideTimeline.append(session, caseId, now, actor, TimelineEvent.ALERT_REQUESTED, "alert " + alert.id()
                    + ": " + summary(evaluation.results()) + "\nreason: " + reason.strip());
            return alert.id();
        });
        LOG.info("Case {}: alert {} requested", caseId, requested.id());
        return requested;
    }

    Alert decide(UUID alertId, AlertDecision decision, String actor) {
        Objects.requireNonNull(decision, "decision");
        List<Violation> violations = new ArrayList<>();
        check("reasons", decision.reasons(), violations);
        if (decision.approve()) {
            for (var grading : List.of(new Object[] {"urgency", decision.urgency()},
                    new Object[] {"severity", decision.severity()}, new Object[] {"certainty", decision.certainty()})) {
                if (grading[1] == null) {
                    violations.add(new Violation((String) grading[0], "an approval grades the alert: give the "
                            + grading[0] + " its CAP message carries"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        AlertEntity known = entity(alertId);
        expect(known, AlertStatus.REQUESTED, "decided");
        Alert decided = change(known.caseId(), false, "decided", (session, at) -> {
            AlertEntity alert = session.find(AlertEntity.class, alertId);
            expect(alert, AlertStatus.REQUESTED, "decided");
            // under the case's lock: the evidence approved on is the case as it is, no edit can slip in between
            AlertEvaluation now = evaluate(session.find(CaseEntity.class, alert.caseId()).toCase());
            if (decision.approve() && !now.allMet()) {
                throw new InvalidCaseException("criteria", "an alert is approved only when every criterion of the"
                        + " plan is met; now: " + summary(now.results()));
            }
            alert.decide(decision, actor, at, now.results());
            SideTimeline.append(session, alert.caseId(), at, actor, decision.approve() ? TimelineEvent.ALERT_APPROVED
                    : TimelineEvent.ALERT_REFUSED, "alert " + alertId + ": " + summary(now.results()) + "\nreasons: "
                    + decision.reasons().strip());
            return alertId;
        });
        LOG.info("Case {}: alert {} {}", known.caseId(), alertId, decision.approve() ? "approved" : "refused");
        return decided;
    }

    /** @param photoId the image attachment of the case the public alert shows, null for none */
    Alert issue(UUID alertId, UUID photoId, String actor) {
        return publish(alertId, AlertMessage.Type.ALERT, null, photoId, actor);
    }

    Alert update(UUID alertId, String note, String actor) {
        required("note", note);
        return publish(alertId, AlertMessage.Type.UPDATE, note.strip(), null, actor);
    }

    Alert cancel(UUID alertId, String reason, String actor) {
        required("reason", reason);
        return publish(alertId, AlertMessage.Type.CANCEL, reason.strip(), null, actor);
    }

    /**
     * Makes the next CAP message of an alert, moves the alert on and queues the message for every channel.
     *
     * @param photoId for the first message: the photo chosen; later messages show the photo chosen then
     */
    private Alert publish(UUID alertId, AlertMessage.Type type, String note, UUID photoId, String actor) {
        Alert before = find(alertId).orElseThrow(() -> new AlertNotFoundException("alert", alertId));
        AlertStatus expected = type == AlertMessage.Type.ALERT ? AlertStatus.APPROVED : AlertStatus.ACTIVE;
        String verb = switch (type) {
            case ALERT -> "issued";
            case UPDATE -> "updated";
            case CANCEL -> "cancelled";
        };
        if (before.status() != expected) {
            throw notNow(before.status(), verb);
        }
        Case subject = caseOf(before.caseId());
        Center center = center(subject.centerId());
        UUID photo = type == AlertMessage.Type.ALERT ? photoId : before.photoId();
        AttachmentContent photoContent = photo(subject, photo);
        AlertMessage message = new AlertMessage(UUID.randomUUID(), alertId, type, CapWriter.sender(center),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        byte[] cap = CapWriter.write(new CapWriter.Content(center, plan(subject), before, message,
                references(alertId), subject, photoContent, note));
        Set<String> channels = dispatcher.channelNames();
        // an alert is issued only on an open case; one issued stays active after the case is closed, to be updated
        // and, above all, cancelled
        Alert after = change(subject.id(), type == AlertMessage.Type.ALERT, verb, (session, at) -> {
            AlertEntity alert = session.find(AlertEntity.class, alertId);
            expect(alert, expected, verb);
            long count = session.createSelectionQuery("select count(m) from AlertMessageEntity m"
                    + " where m.alertId = :id", Long.class).setParameter("id", alertId).getSingleResult();
            if (count != before.messages().size()) {
                // another message was published since ours was written: ours would not reference it
                throw new CaseException("the alert was changed by someone else at the same moment; reload it and"
                        + " try again");
            }
            session.persist(new AlertMessageEntity(message, (int) count, cap));
            // the message row first: the deliveries refer to it
            session.flush();
            channels.forEach(channel -> session.persist(new AlertDeliveryEntity(message.id(), channel, at)));
            if (type == AlertMessage.Type.ALERT) {
                alert.showPhoto(photo);
            }
            alert.moveTo(type == AlertMessage.Type.CANCEL ? AlertStatus.CANCELLED : AlertStatus.ACTIVE);
            SideTimeline.append(session, alert.caseId(), at, actor, switch (type) {
                case ALERT -> TimelineEvent.ALERT_ISSUED;
                case UPDATE -> TimelineEvent.ALERT_UPDATED;
                case CANCEL -> TimelineEvent.ALERT_CANCELLED;
            }, "alert " + alertId + ": CAP " + type.cap() + " message " + message.id() + ", queued for "
                    + (channels.isEmpty() ? "no channel" : String.join(", ", channels.stream().sorted().toList()))
                    + (type != AlertMessage.Type.ALERT ? "" : photo == null ? "\nno photo" : "\nphoto: attachment "
                            + photo)
                    + (note == null ? "" : "\n" + note));
            return alertId;
        });
        LOG.info("Case {}: alert {} {}, CAP message {}", subject.id(), alertId, verb, message.id());
        return after;
    }

    /**
     * @return the chosen photo: an image attached to the case; null when none was chosen
     * @throws InvalidCaseException when the attachment is not an image of the case
     */
    private AttachmentContent photo(Case subject, UUID photoId) {
        if (photoId == null) {
            return null;
        }
        AttachmentContent photo = cases.attachmentContent(subject.id(), photoId).orElseThrow(() ->
                new InvalidCaseException("photoId", "attachment " + photoId + " is not an attachment of case "
                        + subject.number()));
        if (!photo.attachment().contentType().startsWith("image/")) {
            throw new InvalidCaseException("photoId", "attachment " + photoId + " is a "
                    + photo.attachment().contentType() + ", not an image: choose a photo of the child");
        }
        return photo;
    }

    /**
     * @return the CAP references of the alert's messages so far, oldest first: each with its {@code sent} exactly as
     *     that message was published (read from its stored XML), so that they match it byte for byte whatever the
     *     center's zone is now
     */
    private List<String> references(UUID alertId) {
        return database.inTransaction(session -> session.createSelectionQuery("from AlertMessageEntity m"
                + " where m.alertId = :id order by m.index", AlertMessageEntity.class).setParameter("id", alertId)
                .getResultList().stream().map(AlertMessageEntity::reference).toList());
    }

    Optional<Alert> find(UUID alertId) {
        return database.inTransaction(session -> Optional.ofNullable(session.find(AlertEntity.class, alertId))
                .map(alert -> toAlert(session, alert)));
    }

    List<Alert> alertsOf(UUID caseId) {
        return alerts("a.caseId = :caseId order by a.requestedAt, a.id", q -> q.setParameter("caseId", caseId));
    }

    /** @return every active alert, most recently requested first */
    List<Alert> active() {
        return alerts("a.status = :active order by a.requestedAt desc, a.id",
                q -> q.setParameter("active", AlertStatus.ACTIVE));
    }

    /** @return the message and its CAP XML, or empty */
    Optional<MessageWithCap> message(UUID messageId) {
        return database.inTransaction(session -> Optional.ofNullable(session.find(AlertMessageEntity.class, messageId))
                .map(m -> new MessageWithCap(m.toMessage(), m.cap())));
    }

    List<AlertDelivery> deliveries(UUID alertId) {
        return database.inTransaction(session -> session.createSelectionQuery("select d from AlertDeliveryEntity d,"
                + " AlertMessageEntity m where d.messageId = m.id and m.alertId = :id order by m.index, d.channel",
                AlertDeliveryEntity.class).setParameter("id", alertId).getResultList().stream()
                .map(AlertDeliveryEntity::toDelivery).toList());
    }

    List<ChannelStatus> channels() {
        return dispatcher.channels();
    }

    /** A CAP message with its XML. */
    record MessageWithCap(AlertMessage message, byte[] cap) {
    }

    private List<Alert> alerts(String where, Function<SelectionQuery<AlertEntity>,
            SelectionQuery<AlertEntity>> bind) {
        return database.inTransaction(session -> bind.apply(session.createSelectionQuery(
                "from AlertEntity a where " + where, AlertEntity.class)).getResultList().stream()
                .map(alert -> toAlert(session, alert)).toList());
    }

    private Alert toAlert(Session session, AlertEntity alert) {
        List<AlertMessage> messages = session.createSelectionQuery("select m.id, m.alertId, m.type, m.sender, m.sent"
                + " from AlertMessageEntity m where m.alertId = :id order by m.index", Object[].class)
                .setParameter("id", alert.id()).getResultList().stream()
                .map(r -> new AlertMessage((UUID) r[0], (UUID) r[1], (AlertMessage.Type) r[2], (String) r[3],
                        (Instant) r[4])).toList();
        String number = session.createSelectionQuery("select c.number from CaseEntity c where c.id = :id",
                String.class).setParameter("id", alert.caseId()).getSingleResult();
        AlertPlan plan = centers.center(alert.centerId()).flatMap(Center::plan).orElse(null);
        return alert.toAlert(number, plan, messages);
    }

    private AlertEntity entity(UUID alertId) {
        AlertEntity alert = database.inTransaction(session -> session.find(AlertEntity.class, alertId));
        if (alert == null) {
            throw new AlertNotFoundException("alert", alertId);
        }
        return alert;
    }

    private Center center(String centerId) {
        return centers.center(centerId).orElseThrow(() -> new CaseException("center " + centerId + " is not"
                + " installed: its alerts cannot change until its plugin is installed again"));
    }

    /**
     * Runs a change of a case's alerts in one transaction holding the case's row lock, and writes its audit entry
     * last in it (see {@link PendingAudit}).
     *
     * @param openOnly true when the change needs the case open
     * @param verb what is done, for the refusal on a closed case
     * @param work changes the alert and returns its id
     * @return the alert after the change
     */
    private Alert change(UUID caseId, boolean openOnly, String verb, BiFunction<Session, Instant, UUID> work) {
        return database.inTransaction(session -> {
            if (!SideTimeline.lock(session, caseId, openOnly)) {
                if (openOnly && SideTimeline.lock(session, caseId, false)) {
                    throw new CaseException("the case is closed: no alert can be " + verb + " for it; reopen the"
                            + " case first");
                }
                throw new CaseNotFoundException(caseId);
            }
            UUID alertId = work.apply(session, clock.instant());
            session.flush();
            return PendingAudit.write(session, toAlert(session, session.find(AlertEntity.class, alertId)));
        });
    }

    private static void expect(AlertEntity alert, AlertStatus status, String verb) {
        if (alert.status() != status) {
            throw notNow(alert.status(), verb);
        }
    }

    private static CaseException notNow(AlertStatus status, String verb) {
        return new CaseException("the alert is " + status.name().toLowerCase(Locale.ROOT) + " and cannot be "
                + verb + " now");
    }

    /** @return e.g. "3 met, 1 unknown (police-involved)" */
    static String summary(List<CriterionResult> results) {
        return Arrays.stream(CriterionResult.Outcome.values()).map(outcome -> {
            List<String> ids = results.stream().filter(r -> r.outcome() == outcome).map(CriterionResult::criterionId)
                    .toList();
            return ids.isEmpty() ? null : ids.size() + " " + outcome.name().toLowerCase(Locale.ROOT)
                    + (outcome == CriterionResult.Outcome.MET ? "" : " (" + String.join(", ", ids) + ")");
        }).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    private static void required(String field, String text) {
        List<Violation> violations = new ArrayList<>();
        check(field, text, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
    }

    private static void check(String field, String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Violation(field, "give the " + field + "; it is empty"));
        } else {
            CaseRules.checkLength(text, field, TEXT_LENGTH, violations);
        }
    }
}
