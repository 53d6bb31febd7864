package io.homeward.store.internal.alerts;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertDecision;
import io.homeward.casemodel.alert.AlertDelivery;
import io.homeward.casemodel.alert.AlertEvaluation;
import io.homeward.casemodel.alert.AlertMessage;
import io.homeward.casemodel.alert.AlertNotFoundException;
import io.homeward.casemodel.alert.AlertService;
import io.homeward.casemodel.alert.ChannelStatus;
import io.homeward.casemodel.alert.FeedEntry;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.audit.PendingAudit;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link AlertService} that every other bundle gets: authorization, center scoping, four eyes and auditing around
 * {@link AlertServiceImpl}, in the store, as {@link AuthorizedCaseService} does for cases.
 * <ul>
 * <li>Reads need {@link Permission#CASE_READ} and a case the subject's center can see (else not found).</li>
 * <li>A request needs one of the plan's requester roles, a decision, issue, update or cancel one of its decider roles;
 * both on a case of the subject's own center. System subjects are not exempt from the roles: an alert is a decision
 * of people.</li>
 * <li>Four eyes: the subject who requested an alert can never decide on it. Such an attempt is refused with
 * {@link AccessDeniedException} and the refusal is written to the audit trail.</li>
 * <li>Every change is audited in its own transaction (see {@link PendingAudit}), every read of alert content before
 * it is returned.</li>
 * </ul>
 */
@Component(service = AlertService.class)
public final class AuthorizedAlertService implements AlertService {

    private final AlertServiceImpl alerts;
    private final CaseAccess access;
    private final AuditLog audit;

    @Activate
    public AuthorizedAlertService(@Reference AlertServiceImpl alerts, @Reference Database database,
            @Reference CenterRegistry centers, @Reference AuditLog audit) {
        this(alerts, new CaseAccess(database, centers, Clock.systemUTC()), audit);
    }

    AuthorizedAlertService(AlertServiceImpl alerts, CaseAccess access, AuditLog audit) {
        this.alerts = alerts;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public AlertEvaluation evaluate(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Case subjectCase = access.visibleCase(subject, caseId);
        AlertEvaluation evaluation = alerts.evaluate(subjectCase);
        audit.append(subject.username(), "ALERT_EVALUATED", caseId, AlertServiceImpl.summary(evaluation.results()));
        return evaluation;
    }

    @Override
    public Alert request(UUID caseId, String reason) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Case c = access.ownedCase(subject, caseId);
        mayPlay(subject, alerts.plan(c).requesters(), "request alerts");
        return audited(subject, "ALERT_REQUESTED", requested -> "alert " + requested.id() + ": "
                + AlertServiceImpl.summary(requested.evaluation()) + "\nreason: " + requested.requestReason(),
                () -> alerts.request(caseId, reason, subject.username()));
    }

    @Override
    public Alert decide(UUID alertId, AlertDecision decision) {
        Objects.requireNonNull(decision, "decision");
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Alert alert = decider(subject, alertId, "decide on alerts");
        if (subject.username().equals(alert.requestedBy())) {
            audit.append(subject.username(), "ALERT_DECISION_REFUSED", alert.caseId(), "alert " + alertId
                    + ": four eyes: the requester may not decide");
            throw new AccessDeniedException("you requested this alert: another person decides on it (four eyes)");
        }
        return audited(subject, decision.approve() ? "ALERT_APPROVED" : "ALERT_REFUSED", decided -> "alert " + alertId
                + ": " + AlertServiceImpl.summary(decided.decisionEvidence())
                + "\nreasons: " + decided.decisionReasons()
                + (decision.approve() ? "\ngrading: " + decided.urgency() + ", " + decided.severity() + ", "
                        + decided.certainty() : ""), () -> alerts.decide(alertId, decision, subject.username()));
    }

    @Override
    public Alert issue(UUID alertId, UUID photoId) {
        return publish(alertId, "ALERT_ISSUED", "issue alerts", by -> alerts.issue(alertId, photoId, by),
                photoId == null ? "\nno photo" : "\nphoto: attachment " + photoId);
    }

    @Override
    public Alert update(UUID alertId, String note) {
        return publish(alertId, "ALERT_UPDATED", "update alerts", by -> alerts.update(alertId, note, by),
                "\nnote: " + note);
    }

    @Override
    public Alert cancel(UUID alertId, String reason) {
        return publish(alertId, "ALERT_CANCELLED", "cancel alerts", by -> alerts.cancel(alertId, reason, by),
                "\nreason: " + reason);
    }

    @Override
    public Optional<Alert> find(UUID alertId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Optional<Alert> found = alerts.find(Objects.requireNonNull(alertId, "alertId"))
                .filter(a -> access.visible(subject, a.caseId()));
        found.ifPresent(a -> audit.append(subject.username(), "ALERT_READ", a.caseId(), "alert " + alertId));
        return found;
    }

    @Override
    public List<Alert> alertsOf(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        access.visibleCase(subject, caseId);
        List<Alert> found = alerts.alertsOf(caseId);
        audit.append(subject.username(), "ALERTS_READ", caseId, found.size() + " alerts");
        return found;
    }

    @Override
    public List<Alert> active() {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        List<Alert> active = alerts.active().stream().filter(a -> access.visible(subject, a.caseId())).toList();
        if (!active.isEmpty()) {
            audit.append(subject.username(), "ALERTS_ACTIVE_READ", null, "active alerts of cases " + active.stream()
                    .map(Alert::caseNumber).collect(Collectors.joining(", ")));
        }
        return active;
    }

    @Override
    public byte[] cap(UUID messageId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        AlertServiceImpl.MessageWithCap message = alerts.message(Objects.requireNonNull(messageId, "messageId"))
                .orElseThrow(() -> new AlertNotFoundException("CAP message", messageId));
        Alert alert = alerts.find(message.message().alertId()).filter(a -> access.visible(subject, a.caseId()))
                .orElseThrow(() -> new AlertNotFoundException("CAP message", messageId));
        audit.append(subject.username(), "ALERT_MESSAGE_READ", alert.caseId(), "CAP message " + messageId);
        return message.cap();
    }

    @Override
    public List<FeedEntry> feed() {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        List<FeedEntry> feed = alerts.active().stream().filter(a -> access.visible(subject, a.caseId()))
                .map(a -> new FeedEntry(a, alerts.message(a.messages().get(a.messages().size() - 1).id())
                        .orElseThrow().cap())).toList();
        if (!feed.isEmpty()) {
            audit.append(subject.username(), "ALERT_FEED_READ", null, "latest CAP messages of the active alerts of"
                    + " cases " + feed.stream().map(e -> e.alert().caseNumber() + " (" + e.alert().messages()
                            .get(e.alert().messages().size() - 1).id() + ")").collect(Collectors.joining(", ")));
        }
        return feed;
    }

    @Override
    public List<AlertDelivery> deliveries(UUID alertId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Alert alert = alerts.find(alertId).filter(a -> access.visible(subject, a.caseId()))
                .orElseThrow(() -> new AlertNotFoundException("alert", alertId));
        List<AlertDelivery> deliveries = alerts.deliveries(alertId);
        audit.append(subject.username(), "ALERT_DELIVERIES_READ", alert.caseId(), "alert " + alertId);
        return deliveries;
    }

    /** Channel names and counts only, no alert content: for staff who read cases and for platform administrators. */
    @Override
    public List<ChannelStatus> channels() {
        Subject subject = SubjectContext.require();
        if (!subject.may(Permission.CASE_READ) && !subject.may(Permission.PLATFORM_ADMIN)) {
            throw new AccessDeniedException("your role does not allow this (" + Permission.CASE_READ + ")");
        }
        return alerts.channels();
    }

    private Alert publish(UUID alertId, String action, String what, Function<String, Alert> change, String detail) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        decider(subject, alertId, what);
        return audited(subject, action, after -> {
            AlertMessage last = after.messages().get(after.messages().size() - 1);
            return "alert " + alertId + ": CAP " + last.type().cap() + " message " + last.id() + detail;
        }, () -> change.apply(subject.username()));
    }

    /** @return the alert, when the subject may decide on it: a decider of the plan, of the case's own center */
    private Alert decider(Subject subject, UUID alertId, String what) {
        Alert alert = alerts.find(Objects.requireNonNull(alertId, "alertId"))
                .filter(a -> access.visible(subject, a.caseId()))
                .orElseThrow(() -> new AlertNotFoundException("alert", alertId));
        // system subjects pass ownership, never the plan's roles (they have none)
        Case c = access.ownedCase(subject, alert.caseId());
        mayPlay(subject, alerts.plan(c).deciders(), what);
        return alert;
    }

    private static void mayPlay(Subject subject, Set<Role> roles, String what) {
        if (Collections.disjoint(subject.roles(), roles)) {
            throw new AccessDeniedException("the alert plan lets " + roles.stream().map(Role::name).sorted()
                    .collect(Collectors.joining(", ")) + " " + what + "; your role does not");
        }
    }

    /** Makes a change of an alert whose audit entry is written in the change's own transaction. */
    private Alert audited(Subject subject, String action, Function<Alert, String> detail, Supplier<Alert> change) {
        return PendingAudit.around((session, after) -> audit.append(session, subject.username(), action,
                after.caseId(), detail.apply(after)), change);
    }
}
