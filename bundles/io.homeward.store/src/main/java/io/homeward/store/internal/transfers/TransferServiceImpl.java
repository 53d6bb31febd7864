package io.homeward.store.internal.transfers;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.transfer.CaseTransfer;
import io.homeward.casemodel.transfer.TransferKind;
import io.homeward.casemodel.transfer.TransferService;
import io.homeward.casemodel.transfer.TransferStatus;
import io.homeward.store.internal.alerts.AlertServiceImpl;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.caserecord.CaseChanges;
import io.homeward.store.internal.caserecord.CaseEntity;
import io.homeward.store.internal.caserecord.CaseRules;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TransferService} on the case database. Asking and deciding both lock the case's row first (as every
 * change of a case does), then read the requests of the case: two requests or two decisions of one case queue
 * behind each other, and the second sees what the first did — so a case never gets two pending transfers, and of
 * two decisions of one request exactly one finds it pending. Authorization comes first in every method; the audit
 * record is written in the transaction of the read or change it records. Logs name cases and requests by id only.
 */
@Component(service = TransferService.class)
public final class TransferServiceImpl implements TransferService {

    private static final Logger LOG = LoggerFactory.getLogger(TransferServiceImpl.class);
    /** The width of hw_case_transfer.reason and decision_reason (V6). */
    private static final int REASON_LENGTH = 2_000;

    private final Database database;
    private final CenterRegistry centers;
    private final CaseAccess access;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public TransferServiceImpl(@Reference Database database, @Reference CenterRegistry centers,
            @Reference AuditLog audit) {
        this(database, centers, new CaseAccess(database, centers, Clock.systemUTC()), audit, Clock.systemUTC());
    }

    public TransferServiceImpl(Database database, CenterRegistry centers, CaseAccess access, AuditLog audit, Clock clock) {
        this.database = database;
        this.centers = centers;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public CaseTransfer request(UUID caseId, TransferKind kind, String toCenterId, String reason) {
        Subject subject = CaseAccess.permitted(Permission.CASE_ASSIGN);
        Case c = access.ownedCase(subject, caseId);
        List<Violation> violations = new ArrayList<>();
        if (kind == null) {
            violations.add(new Violation("kind", "say whether to TRANSFER or SHARE the case"));
        }
        if (toCenterId == null || toCenterId.isBlank()) {
            violations.add(new Violation("toCenterId", "name the center that is to receive the case"));
        } else if (centers.center(toCenterId).isEmpty()) {
            violations.add(new Violation("toCenterId", toCenterId + " is not a center of this deployment"));
        } else if (toCenterId.equals(c.centerId())) {
            violations.add(new Violation("toCenterId", "case " + c.number() + " is already owned by " + toCenterId));
        }
        checkReason(reason, "reason", violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        CaseTransfer requested = transaction(session -> {
            CaseEntity locked = CaseServiceImpl.lockedCase(session, caseId);
            Case current = locked.toCase();
            if (!subject.system() && !current.centerId().equals(subject.centerId())) {
                // the case moved to another center since the check above
                throw new AccessDeniedException("case " + current.number() + " is owned by another center now");
            }
            if (current.isClosed()) {
                throw new CaseException("case " + current.number() + " is closed; a closed case is not handed on");
            }
            if (kind == TransferKind.TRANSFER) {
                refuseWhileAlertOpen(session, current);
            }
            for (CaseTransferEntity pending : requestsOf(session, caseId, TransferStatus.PENDING)) {
                if (pending.kind() == TransferKind.TRANSFER && kind == TransferKind.TRANSFER) {
                    throw new CaseException("case " + current.number() + " already has a pending transfer to "
                            + pending.toCenterId() + "; wait for its answer");
                }
                if (pending.kind() == kind && pending.toCenterId().equals(toCenterId)) {
                    throw new CaseException("case " + current.number() + " already has a pending share with "
                            + toCenterId);
                }
            }
            if (kind == TransferKind.SHARE && locked.sharedWith(toCenterId)) {
                throw new CaseException("case " + current.number() + " is already shared with " + toCenterId);
            }
            Instant now = clock.instant();
            CaseTransferEntity entity = new CaseTransferEntity(UUID.randomUUID(), current, kind, toCenterId,
                    reason.strip(), subject.username(), now);
            session.persist(entity);
            session.persist(locked.appendEvent(now, subject.username(), kind == TransferKind.TRANSFER
                    ? TimelineEvent.TRANSFER_REQUESTED : TimelineEvent.SHARE_REQUESTED, null, null, null,
                    "to " + toCenterId + ": " + reason.strip()));
            CaseTransfer result = entity.toTransfer();
            audit.append(session, subject.username(), kind + "_REQUESTED", caseId, "request " + result.id()
                    + ": case " + current.number() + " from " + current.centerId() + " to " + toCenterId
                    + ", PENDING\nreason: " + reason.strip());
            return result;
        });
        LOG.info("Case {}: {} to {} requested ({})", caseId, kind, toCenterId, requested.id());
        return requested;
    }

    @Override
    public CaseTransfer accept(UUID transferId, String category, String reason) {
        return decide(transferId, TransferStatus.ACCEPTED, category, reason);
    }

    @Override
    public CaseTransfer reject(UUID transferId, String reason) {
        return decide(transferId, TransferStatus.REJECTED, null, reason);
    }

    private CaseTransfer decide(UUID transferId, TransferStatus outcome, String category, String reason) {
        Subject subject = CaseAccess.permitted(Permission.CASE_ASSIGN);
        Objects.requireNonNull(transferId, "transferId");
        CaseTransferEntity asked = transaction(session -> session.find(CaseTransferEntity.class, transferId));
        if (asked == null || !(subject.system() || asked.toCenterId().equals(subject.centerId()))) {
            if (asked != null && asked.fromCenterId().equals(subject.centerId())) {
                throw new AccessDeniedException("request " + transferId + " is decided by " + asked.toCenterId()
                        + ", the center it is addressed to");
            }
            throw new CaseNotFoundException("transfer request", transferId);
        }
        List<Violation> violations = new ArrayList<>();
        checkReason(reason, "reason", violations);
        Center receiver = centers.center(asked.toCenterId()).orElse(null);
        Workflow workflow = null;
        CaseCategory entered = null;
        if (outcome == TransferStatus.ACCEPTED && asked.kind() == TransferKind.TRANSFER) {
            if (receiver == null) {
                throw new CaseException("center " + asked.toCenterId() + " is not installed; it cannot take the case");
            }
            entered = category == null ? receiver.categories().stream()
                    .filter(cat -> cat.caseType() == asked.toTransfer().caseType()).findFirst().orElse(null)
                    : receiver.category(category).orElse(null);
            if (entered == null) {
                violations.add(new Violation("category", (category == null ? "center " + receiver.id()
                        + " has no category of type " + asked.toTransfer().caseType() + "; name one" : category
                        + " is not a category of center " + receiver.id()) + "; its categories are "
                        + String.join(", ", receiver.categories().stream().map(CaseCategory::id).toList())));
            } else {
                workflow = receiver.currentWorkflow(entered.workflowId()).orElse(null);
                if (workflow == null) {
                    violations.add(new Violation("category", "center " + receiver.id() + " declares no workflow "
                            + entered.workflowId() + " for category " + entered.id()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        String categoryId = entered == null ? null : entered.id();
        Workflow targetWorkflow = workflow;
        CaseTransfer decided = transaction(session -> {
            CaseEntity locked = CaseServiceImpl.lockedCase(session, asked.caseId());
            // read again under the case's lock: a decision that committed meanwhile is seen here
            CaseTransferEntity request = session.find(CaseTransferEntity.class, transferId);
            if (request.status() != TransferStatus.PENDING) {
                throw new CaseException("request " + transferId + " was already " + request.status()
                        + " by " + request.toTransfer().decidedBy());
            }
            Instant now = clock.instant();
            Case before = locked.toCase();
            boolean transferred = outcome == TransferStatus.ACCEPTED && request.kind() == TransferKind.TRANSFER;
            if (outcome == TransferStatus.ACCEPTED) {
                // what the owner granted ends with its ownership: the case moved, or was closed, since it asked
                if (!before.centerId().equals(request.fromCenterId())) {
                    throw new CaseException("case " + before.number() + " is no longer owned by "
                            + request.fromCenterId() + ", which made the request; reject it");
                }
                if (before.isClosed()) {
                    throw new CaseException("case " + before.number() + " was closed after the request; a closed"
                            + " case is not handed on; reject the request");
                }
                if (transferred) {
                    refuseWhileAlertOpen(session, before);
                    locked.transferTo(request.toCenterId(), categoryId, targetWorkflow, now);
                } else {
                    locked.shareWith(request.toCenterId());
                }
            }
            request.decide(outcome, subject.username(), now, reason.strip());
            session.persist(locked.appendEvent(now, subject.username(), eventKind(request.kind(), outcome), null,
                    before.status(), locked.toCase().status(), request.toCenterId() + ": " + reason.strip()));
            List<String> ended = transferred ? endGrantsOfFormerOwner(session, locked, before, request,
                    subject.username(), now) : List.of();
            session.flush();
            audit.append(session, subject.username(), request.kind() + "_" + outcome, request.caseId(), "request "
                    + transferId + ": PENDING → " + outcome + "\nreason: " + reason.strip() + (transferred ? "\n"
                            + CaseChanges.between(before, locked.toCase()) + String.join("", ended) : ""));
            return request.toTransfer();
        });
        LOG.info("Case {}: request {} {}", decided.caseId(), transferId, outcome);
        return decided;
    }

    /**
     * After a transfer the former owner's grants end with its ownership: its other pending requests are rejected
     * (on the timeline, by the user who accepted the transfer) and every share is cleared. The new owner shares
     * again if it wants to; a hub keeps reading its members' cases by the hub rule, not by a share.
     *
     * @return one audit line per grant ended
     */
    private List<String> endGrantsOfFormerOwner(Session session, CaseEntity locked, Case before,
            CaseTransferEntity accepted, String actor, Instant now) {
        List<String> ended = new ArrayList<>();
        String why = "withdrawn: the case was transferred to " + accepted.toCenterId();
        for (CaseTransferEntity pending : requestsOf(session, before.id(), TransferStatus.PENDING)) {
            if (!pending.id().equals(accepted.id())) {
                pending.decide(TransferStatus.REJECTED, actor, now, why);
                session.persist(locked.appendEvent(now, actor,
                        eventKind(pending.kind(), TransferStatus.REJECTED), null, null, null,
                        pending.toCenterId() + ": " + why));
                ended.add("\nrequest " + pending.id() + " (" + pending.kind() + " to " + pending.toCenterId()
                        + "): PENDING → REJECTED, " + why);
            }
        }
        before.sharedWith().forEach(center -> ended.add("\nshare with " + center + " ended"));
        return ended;
    }

    /** @throws CaseException while the case has an alert under way: its messages belong to the owner's zone */
    private static void refuseWhileAlertOpen(Session session, Case c) {
        if (!AlertServiceImpl.openAlerts(session, c.id()).isEmpty()) {
            throw new CaseException("case " + c.number() + " has an alert that is requested, approved or active;"
                    + " a case is not transferred until its alerts are refused or cancelled");
        }
    }

    @Override
    public Optional<CaseTransfer> find(UUID transferId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Objects.requireNonNull(transferId, "transferId");
        return transaction(session -> {
            CaseTransferEntity found = session.find(CaseTransferEntity.class, transferId);
            if (found == null || !concerns(subject, found)) {
                return Optional.empty();
            }
            audit.append(session, subject.username(), "TRANSFER_READ", found.caseId(), "request " + transferId);
            return Optional.of(found.toTransfer());
        });
    }

    @Override
    public List<CaseTransfer> incoming(TransferStatus status) {
        return listed("to", status);
    }

    @Override
    public List<CaseTransfer> outgoing(TransferStatus status) {
        return listed("from", status);
    }

    @Override
    public List<CaseTransfer> ofCase(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Case c = access.visibleCase(subject, caseId);
        return transaction(session -> {
            List<CaseTransfer> found = requestsOf(session, caseId, null).stream()
                    .filter(t -> concerns(subject, t)).map(CaseTransferEntity::toTransfer).toList();
            audit.append(session, subject.username(), "TRANSFERS_READ", caseId, found.size() + " requests of case "
                    + c.number() + " listed");
            return found;
        });
    }

    /** @param side {@code to} for the requests the subject's center received, {@code from} for those it made */
    private List<CaseTransfer> listed(String side, TransferStatus status) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        if (subject.centerId() == null) {
            return List.of();
        }
        return transaction(session -> {
            var query = session.createSelectionQuery("from CaseTransferEntity t where t." + side
                    + "CenterId = :center" + (status == null ? "" : " and t.status = :status")
                    + " order by t.requestedAt desc, t.id", CaseTransferEntity.class)
                    .setParameter("center", subject.centerId());
            if (status != null) {
                query.setParameter("status", status);
            }
            List<CaseTransfer> found = query.getResultList().stream().map(CaseTransferEntity::toTransfer).toList();
            if (!found.isEmpty()) {
                audit.append(session, subject.username(), "TRANSFERS_LISTED", null, (side.equals("to") ? "incoming"
                        : "outgoing") + " requests of " + subject.centerId() + " (status " + status + "): "
                        + String.join(", ", found.stream().map(t -> t.id() + " case " + t.caseNumber()).toList()));
            }
            return found;
        });
    }

    /** @return whether the subject's center asked or received the request (system subjects: every request) */
    private static boolean concerns(Subject subject, CaseTransferEntity request) {
        return subject.system() || request.fromCenterId().equals(subject.centerId())
                || request.toCenterId().equals(subject.centerId());
    }

    private static List<CaseTransferEntity> requestsOf(Session session, UUID caseId, TransferStatus status) {
        var query = session.createSelectionQuery("from CaseTransferEntity t where t.caseId = :caseId"
                + (status == null ? "" : " and t.status = :status") + " order by t.requestedAt, t.id",
                CaseTransferEntity.class).setParameter("caseId", caseId);
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.getResultList();
    }

    private static String eventKind(TransferKind kind, TransferStatus outcome) {
        return kind == TransferKind.TRANSFER
                ? outcome == TransferStatus.ACCEPTED ? TimelineEvent.TRANSFER_ACCEPTED : TimelineEvent.TRANSFER_REJECTED
                : outcome == TransferStatus.ACCEPTED ? TimelineEvent.SHARE_ACCEPTED : TimelineEvent.SHARE_REJECTED;
    }

    private static void checkReason(String reason, String field, List<Violation> violations) {
        if (reason == null || reason.isBlank()) {
            violations.add(new Violation(field, "give the reason"));
        }
        CaseRules.checkLength(reason, field, REASON_LENGTH, violations);
    }

    private <T> T transaction(Function<Session, T> work) {
        return CaseServiceImpl.transaction(database, work);
    }
}
