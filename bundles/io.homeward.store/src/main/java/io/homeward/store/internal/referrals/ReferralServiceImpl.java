package io.homeward.store.internal.referrals;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.referral.Referral;
import io.homeward.casemodel.referral.ReferralPack;
import io.homeward.casemodel.referral.ReferralRenderer;
import io.homeward.casemodel.referral.ReferralService;
import io.homeward.casemodel.referral.ReferralStatus;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.caserecord.CaseEntity;
import io.homeward.store.internal.caserecord.CaseRules;
import io.homeward.store.internal.cases.AttachmentContentEntity;
import io.homeward.store.internal.cases.AttachmentEntity;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
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
 * {@link ReferralService} on the case database. Authorization comes first in every method (the rules of
 * {@link AuthorizedCaseService}, through {@link CaseAccess}); the audit record of a read or change is written in
 * the same transaction as the read or change, so neither happens unrecorded. Log messages name cases and referrals
 * by id only. The PDF is laid out by the {@link ReferralRenderer} service (bundle {@code io.homeward.render}), so
 * that the store carries no document library.
 */
@Component(service = ReferralService.class)
public final class ReferralServiceImpl implements ReferralService {

    private static final Logger LOG = LoggerFactory.getLogger(ReferralServiceImpl.class);
    /** The width of hw_referral.agency (V6). */
    private static final int AGENCY_LENGTH = 200;
    private static final int NOTE_LENGTH = 2_000;

    private final Database database;
    private final CenterRegistry centers;
    private final CaseAccess access;
    private final AuditLog audit;
    private final ReferralRenderer renderer;
    private final Clock clock;

    @Activate
    public ReferralServiceImpl(@Reference Database database, @Reference CenterRegistry centers,
            @Reference AuditLog audit, @Reference ReferralRenderer renderer) {
        this(database, centers, new CaseAccess(database, centers, Clock.systemUTC()), audit, renderer,
                Clock.systemUTC());
    }

    ReferralServiceImpl(Database database, CenterRegistry centers, CaseAccess access, AuditLog audit,
            ReferralRenderer renderer, Clock clock) {
        this.database = database;
        this.centers = centers;
        this.access = access;
        this.audit = audit;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public ReferralPack prepare(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Case c = access.visibleCase(subject, caseId);
        return transaction(session -> {
            ReferralPack pack = pack(session, c);
            audit.append(session, subject.username(), "REFERRAL_CHECKED", caseId, "referral pack of case "
                    + c.number() + ": " + (pack.isComplete() ? "complete" : "missing " + codes(pack)));
            return pack;
        });
    }

    @Override
    public Referral send(UUID caseId, String agency, String note) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Case c = access.writableCase(subject, caseId);
        List<Violation> violations = new ArrayList<>();
        if (agency == null || agency.isBlank()) {
            violations.add(new Violation("agency", "name the police agency the pack goes to"));
        }
        CaseRules.checkLength(agency, "agency", AGENCY_LENGTH, violations);
        CaseRules.checkLength(note, "note", NOTE_LENGTH, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        Referral sent = transaction(session -> {
            CaseEntity locked = CaseServiceImpl.lockedCase(session, caseId);
            if (locked.toCase().isClosed()) {
                // as for transfers: a closed case is not handed on; its earlier referrals still record their steps
                throw new CaseException("case " + c.number() + " is closed; a closed case is not referred");
            }
            ReferralPack pack = pack(session, locked.toCase());
            ReferralEntity referral = new ReferralEntity(UUID.randomUUID(), agency.strip(), subject.username(),
                    clock.instant(), pack);
            session.persist(referral);
            session.persist(locked.appendEvent(clock.instant(), subject.username(), TimelineEvent.REFERRAL_SENT,
                    null, null, null, "to " + agency.strip() + (pack.isComplete() ? "" : "; missing " + codes(pack))
                            + (note == null || note.isBlank() ? "" : "\n" + note)));
            Referral result = referral.toReferral(pack.photograph());
            audit.append(session, subject.username(), "REFERRAL_SENT", caseId, "referral " + result.id() + " of case "
                    + c.number() + ": (none) → SENT to " + agency.strip() + (pack.isComplete() ? ", complete"
                            : ", missing " + codes(pack)));
            return result;
        });
        LOG.info("Case {}: referral {} sent", caseId, sent.id());
        return sent;
    }

    @Override
    public List<Referral> referrals(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        Case c = access.visibleCase(subject, caseId);
        return transaction(session -> {
            List<Referral> found = session.createSelectionQuery("from ReferralEntity r where r.caseId = :caseId"
                    + " order by r.sentAt, r.id", ReferralEntity.class).setParameter("caseId", caseId)
                    .getResultList().stream().map(r -> toReferral(session, r)).toList();
            audit.append(session, subject.username(), "REFERRALS_READ", caseId, found.size()
                    + " referrals of case " + c.number() + " listed");
            return found;
        });
    }

    @Override
    public Optional<Referral> find(UUID referralId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        return visibleCaseOf(subject, referralId).map(caseId -> transaction(session -> {
            Referral referral = toReferral(session, session.find(ReferralEntity.class, referralId));
            audit.append(session, subject.username(), "REFERRAL_READ", caseId, "referral " + referralId);
            return referral;
        }));
    }

    @Override
    public Referral advance(UUID referralId, ReferralStatus status, String note) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Objects.requireNonNull(referralId, "referralId");
        if (status == null) {
            throw new InvalidCaseException("status", "give the status the referral reached: ACKNOWLEDGED or ACTED_ON");
        }
        List<Violation> violations = new ArrayList<>();
        CaseRules.checkLength(note, "note", NOTE_LENGTH, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        UUID caseId = visibleCaseOf(subject, referralId)
                .orElseThrow(() -> new CaseNotFoundException("referral", referralId));
        access.writableCase(subject, caseId);
        Referral advanced = transaction(session -> {
            // the case's row lock orders concurrent steps of its referrals, and the timeline's event indexes
            CaseEntity locked = CaseServiceImpl.lockedCase(session, caseId);
            ReferralEntity referral = session.find(ReferralEntity.class, referralId);
            ReferralStatus from = referral.status();
            if (from.next() != status) {
                throw new CaseException("referral " + referralId + " is " + from + "; "
                        + (from.next() == null ? "it has no further step"
                                : "its next step is " + from.next() + ", not " + status));
            }
            referral.advance(status, subject.username(), clock.instant());
            session.persist(locked.appendEvent(clock.instant(), subject.username(), status == ReferralStatus.ACKNOWLEDGED
                    ? TimelineEvent.REFERRAL_ACKNOWLEDGED : TimelineEvent.REFERRAL_ACTED_ON, null, null, null,
                    "referral to " + referral.toReferral(null).agency() + (note == null || note.isBlank() ? ""
                            : "\n" + note)));
            session.flush();
            audit.append(session, subject.username(), "REFERRAL_STATUS", caseId, "referral " + referralId + ": "
                    + from + " → " + status + (note == null || note.isBlank() ? "" : "\nnote: " + note));
            return toReferral(session, referral);
        });
        LOG.info("Case {}: referral {} is {}", caseId, referralId, status);
        return advanced;
    }

    @Override
    public byte[] pdf(UUID referralId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        UUID caseId = visibleCaseOf(subject, referralId)
                .orElseThrow(() -> new CaseNotFoundException("referral", referralId));
        PdfSource source = transaction(session -> {
            ReferralEntity entity = session.find(ReferralEntity.class, referralId);
            byte[] photo = entity.photoAttachmentId() == null ? null
                    : session.find(AttachmentContentEntity.class, entity.photoAttachmentId()).content();
            return new PdfSource(toReferral(session, entity), photo);
        });
        // rendered outside any transaction, so that no lock waits on it (the audit trail's head, or all of H2),
        // and before the read is recorded: a document that cannot be rendered leaves no read in the trail
        byte[] pdf = renderer.pdf(source.referral(), source.photo());
        transaction(session -> {
            audit.append(session, subject.username(), "REFERRAL_PDF_READ", caseId, "referral " + referralId
                    + " as PDF");
            return null;
        });
        return pdf;
    }

    /** What a referral's PDF is rendered from. */
    private record PdfSource(Referral referral, byte[] photo) {
    }

    /** @return the case's pack as it is now */
    private ReferralPack pack(Session session, Case c) {
        List<Attachment> attachments = session.createSelectionQuery("from AttachmentEntity a where a.caseId = :id",
                AttachmentEntity.class).setParameter("id", c.id()).getResultList().stream()
                .map(AttachmentEntity::toAttachment).toList();
        String centerName = centers.center(c.centerId()).map(Center::name).orElse(c.centerId());
        return YellowNotice.pack(c, centerName, attachments, clock.instant());
    }

    /**
     * @return the id of the referral's case, when the referral exists and the subject can see its case; checked
     *     outside any transaction of the caller, as {@link CaseAccess} opens its own
     */
    private Optional<UUID> visibleCaseOf(Subject subject, UUID referralId) {
        Objects.requireNonNull(referralId, "referralId");
        return transaction(session -> Optional.ofNullable(session.find(ReferralEntity.class, referralId))
                .map(ReferralEntity::caseId)).filter(caseId -> access.visible(subject, caseId));
    }

    private static Referral toReferral(Session session, ReferralEntity entity) {
        return entity.toReferral(entity.photoAttachmentId() == null ? null
                : session.find(AttachmentEntity.class, entity.photoAttachmentId()).toAttachment());
    }

    private static String codes(ReferralPack pack) {
        return String.join(", ", pack.missing().stream().map(m -> m.code()).toList());
    }

    private <T> T transaction(Function<Session, T> work) {
        return CaseServiceImpl.transaction(database, work);
    }
}
