package io.homeward.store.internal.exchange;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.exchange.ExchangeService.Identity;
import io.homeward.casemodel.exchange.ExchangeService.SignedPackage;
import io.homeward.casemodel.exchange.ExchangeService;
import io.homeward.casemodel.exchange.InboxEntry;
import io.homeward.casemodel.exchange.OutboxEntry;
import io.homeward.casemodel.exchange.PackageRefusedException.Reason;
import io.homeward.casemodel.exchange.PackageRefusedException;
import io.homeward.casemodel.exchange.Receipt;
import io.homeward.store.internal.audit.PendingAudit;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.SideTimeline;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange on the case {@link Database}, without authorization: {@link AuthorizedExchangeService} wraps it.
 * Builds, signs and queues packages; receives them into cases; keeps the outbox and inbox; holds the partners
 * configured as {@link ExchangePartner}s. Delivery itself is {@link ExchangeOutbox}'s. Log messages name packages,
 * partners and case numbers only, never case content.
 */
@Component(service = ExchangeServiceImpl.class, configurationPid = ExchangeConfiguration.PID)
@Designate(ocd = ExchangeConfiguration.class)
public class ExchangeServiceImpl {

    /** The actor the receiver's timeline names for a partner's package. */
    static String actorOf(String partnerId) {
        return "exchange:" + partnerId;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeServiceImpl.class);

    private final Database database;
    private final CaseServiceImpl cases;
    private final CenterRegistry centers;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, ExchangePartner> partners = new ConcurrentHashMap<>();
    private volatile String deploymentId;

    @Activate
    public ExchangeServiceImpl(@Reference Database database, @Reference CaseServiceImpl cases,
            @Reference CenterRegistry centers, @Reference AuditLog audit, ExchangeConfiguration config) {
        this(database, cases, centers, audit, Clock.systemUTC(), config.deploymentId());
    }

    ExchangeServiceImpl(Database database, CaseServiceImpl cases, CenterRegistry centers, AuditLog audit, Clock clock,
            String deploymentId) {
        this.database = database;
        this.cases = cases;
        this.centers = centers;
        this.audit = audit;
        this.clock = clock;
        this.deploymentId = deploymentId.strip();
    }

    @Modified
    void modified(ExchangeConfiguration config) {
        deploymentId = config.deploymentId().strip();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removePartner")
    void addPartner(ExchangePartner partner) {
        ExchangePartner previous = partners.put(partner.id(), partner);
        if (previous != null && previous != partner) {
            LOG.warn("Two configurations name exchange partner {}; the last one counts", partner.id());
        }
    }

    void removePartner(ExchangePartner partner) {
        partners.remove(partner.id(), partner);
    }

    /** @return the configured partner with this id */
    Optional<ExchangePartner> partner(String id) {
        return Optional.ofNullable(partners.get(id));
    }

    /** @return this deployment's id and public key, creating the key pair at first use */
    Identity identity() {
        return new Identity(deploymentId.isEmpty() ? "(not configured: set deploymentId in etc/"
                + ExchangeConfiguration.PID + ".cfg)" : deploymentId, key().publicKey());
    }

    /** @return the key pair's row; the first node to create it wins, the others read the winner's */
    private ExchangeKeyEntity key() {
        ExchangeKeyEntity key = database.inTransaction(s -> s.find(ExchangeKeyEntity.class,
                ExchangeKeyEntity.DEPLOYMENT));
        if (key != null) {
            return key;
        }
        KeyPair pair = ExchangeKeys.generate();
        try {
            database.inTransaction(s -> {
                s.persist(new ExchangeKeyEntity(ExchangeKeys.encode(pair.getPublic()),
                        ExchangeKeys.encode(pair.getPrivate()), clock.instant()));
                return null;
            });
            LOG.info("Created this deployment's exchange key pair");
        } catch (RuntimeException e) {
            if (!uniqueKeyConflict(e)) {
                throw e;
            }
            LOG.info("Another node created the exchange key pair first");
        }
        return database.inTransaction(s -> s.find(ExchangeKeyEntity.class, ExchangeKeyEntity.DEPLOYMENT));
    }

    /** @return whether the failure, or one of its causes, is a unique or primary key violation (SQL state 23505) */
    static boolean uniqueKeyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCException jdbc && "23505".equals(jdbc.getSQLState())
                    || t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** See {@link ExchangeService#send}; the caller has checked that the actor may. */
    OutboxEntry send(UUID caseId, String partnerId, String targetCenter, String message, String actor) {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(actor, "actor");
        if (deploymentId.isEmpty()) {
            throw new InvalidCaseException("partner", "this deployment has no exchange identity: set deploymentId"
                    + " in etc/" + ExchangeConfiguration.PID + ".cfg");
        }
        ExchangePartner partner = partnerId == null ? null : partners.get(partnerId);
        if (partner == null) {
            throw new InvalidCaseException("partner", "no exchange partner " + partnerId + " is configured; partners: "
                    + String.join(", ", new TreeSet<>(partners.keySet())));
        }
        String target = targetCenter == null || targetCenter.isBlank() ? partner.center() : targetCenter.strip();
        if (target == null) {
            throw new InvalidCaseException("center", "name the center at partner " + partnerId
                    + " that is to receive the case: its configuration names none");
        }
        if (target.length() > ExchangePackage.ID_LENGTH) {
            throw new InvalidCaseException("center", "is longer than " + ExchangePackage.ID_LENGTH + " characters");
        }
        if (message != null && message.length() > ExchangePackage.TEXT_LENGTH) {
            throw new InvalidCaseException("message", "is longer than " + ExchangePackage.TEXT_LENGTH
                    + " characters");
        }
        Case c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        Instant now = clock.instant();
        if (c.isClosed()) {
            throw closed(c);
        }
        // addressed to the partner by the id it is configured under, which is its deployment id
        ExchangePackage pkg = new ExchangePackage(UUID.randomUUID(), deploymentId, partner.id(), now, target,
                c.number(), c.type(), c.country(), c.risk().level(), c.risk().reason(), portableFields(c),
                c.persons().stream().map(ExchangeServiceImpl::withoutPhone).toList(), message);
        byte[] content = pkg.toJson();
        String signature = Base64.getEncoder().encodeToString(ExchangeKeys.sign(
                ExchangeKeys.privateKey(key().privateKey()), content));
        ExchangeOutboxEntity entry = new ExchangeOutboxEntity(pkg.packageId(), caseId, c.number(), partner.id(),
                target, new String(content, StandardCharsets.UTF_8), signature, now);
        CaseServiceImpl.transaction(database, session -> {
            // under the case's lock: a case closed since it was read above is not sent either
            if (!SideTimeline.lock(session, caseId, true)) {
                throw closed(c);
            }
            SideTimeline.append(session, caseId, now, actor, ExchangeService.SENT, "package " + pkg.packageId()
                    + " queued for partner " + partner.id() + ", center " + target);
            session.persist(entry);
            return PendingAudit.write(session, entry.toEntry());
        });
        LOG.info("Queued package {} of case {} for exchange partner {}", pkg.packageId(), c.number(), partner.id());
        return entry.toEntry();
    }

    private static CaseException closed(Case c) {
        return new CaseException("case " + c.number() + " is closed; a closed case is not handed on (the partner would"
                + " open it as a new, open case)");
    }

    /** The custom fields, but those naming persons by id: the ids mean nothing at the partner. */
    private Map<String, String> portableFields(Case c) {
        Center center = centers.center(c.centerId()).orElse(null);
        return c.fields().entrySet().stream()
                .filter(f -> center == null || center.field(f.getKey())
                        .map(d -> d.type() != FieldType.PERSON).orElse(true))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static PersonDetails withoutPhone(Person person) {
        PersonDetails d = person.details();
        return new PersonDetails(d.role(), d.familyName(), d.givenName(), d.sex(), d.dateOfBirth(), d.description(),
                null);
    }

    /**
     * @param caseId one case, or null for all
     * @param centerId only entries of cases this center owns, or null for all
     */
    List<OutboxEntry> outbox(UUID caseId, String centerId) {
        return database.inTransaction(session -> session.createSelectionQuery("select o from ExchangeOutboxEntity o"
                + " where (:caseId is null or o.caseId = :caseId) and (:centerId is null or o.caseId in"
                + " (select c.id from CaseEntity c where c.centerId = :centerId)) order by o.createdAt desc",
                ExchangeOutboxEntity.class).setParameter("caseId", caseId).setParameter("centerId", centerId)
                .setMaxResults(500).getResultList().stream().map(ExchangeOutboxEntity::toEntry).toList());
    }

    /** @param centerId only entries of cases this center owns, or null for all */
    List<InboxEntry> inbox(String centerId) {
        return database.inTransaction(session -> session.createSelectionQuery("select i from ExchangeInboxEntity i"
                + " where :centerId is null or i.caseId in (select c.id from CaseEntity c where c.centerId = :centerId)"
                + " order by i.receivedAt desc", ExchangeInboxEntity.class).setParameter("centerId", centerId)
                .setMaxResults(500).getResultList().stream().map(ExchangeInboxEntity::toEntry).toList());
    }

    /** @return the package as signed, and the case it was made of */
    Exported export(UUID packageId) {
        ExchangeOutboxEntity entry = database.inTransaction(s -> s.find(ExchangeOutboxEntity.class, packageId));
        if (entry == null) {
            throw new InvalidCaseException("packageId", "no package " + packageId + " in the outbox");
        }
        return new Exported(new SignedPackage(packageId, entry.content().getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(entry.signature())), entry.caseId());
    }

    /** An exported package and the sender's case it was made of (for the audit trail). */
    record Exported(SignedPackage signed, UUID caseId) {
    }

    /**
     * See {@link ExchangeService#receive}. A refusal is logged with its reason code and the sender's and package's
     * ids as far as they can be read, nothing of the content.
     */
    Receipt receive(byte[] content, byte[] signature) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signature, "signature");
        try {
            return checkedReceive(content, signature);
        } catch (PackageRefusedException e) {
            LOG.warn("Refused exchange package: {} {}", e.reason(), ExchangePackage.idsOf(content));
            throw e;
        }
    }

    private Receipt checkedReceive(byte[] content, byte[] signature) {
        ExchangePackage pkg = ExchangePackage.parse(content);
        String self = deploymentId;
        if (self.isEmpty()) {
            throw new PackageRefusedException(Reason.WRONG_RECIPIENT, "this deployment has no exchange id"
                    + " (deploymentId) and accepts no package until its operator sets one");
        }
        if (!self.equals(pkg.recipient())) {
            throw new PackageRefusedException(Reason.WRONG_RECIPIENT, "the package is addressed to deployment "
                    + pkg.recipient() + ", not to this deployment (" + self + "): check the id under which the"
                    + " sender configured this partner");
        }
        ExchangePartner partner = partners.get(pkg.sender());
        if (partner == null) {
            throw new PackageRefusedException(Reason.UNKNOWN_PARTNER, "deployment " + pkg.sender()
                    + " is not a partner of this deployment");
        }
        if (!ExchangeKeys.verify(partner.publicKey(), content, signature)) {
            throw new PackageRefusedException(Reason.BAD_SIGNATURE, "the signature does not verify with the key of"
                    + " partner " + partner.id() + ": the package was changed after signing or not signed by it");
        }
        ExchangeInboxEntity.Key key = new ExchangeInboxEntity.Key(partner.id(), pkg.packageId());
        Optional<Receipt> earlier = received(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        NewCase intake = intake(pkg);
        Instant now = clock.instant();
        String actor = actorOf(partner.id());
        Case opened;
        try {
            // the case, its inbox row and its audit row in one transaction
            opened = PendingAudit.around((session, stored) -> audit.append(session, actor, "EXCHANGE_RECEIVED",
                    stored.id(), "package " + pkg.packageId() + " of partner " + partner.id() + " (their case "
                    + pkg.reference() + ") opened case " + stored.number()), () -> cases.open(intake, actor,
                            entity -> List.of(entity.appendEvent(now, actor, ExchangeService.RECEIVED, null, null,
                                    null, "received from partner " + partner.id() + " (their case " + pkg.reference()
                                    + ", package " + pkg.packageId() + ")" + (pkg.message() == null ? ""
                                            : "\nmessage: " + pkg.message())),
                                    new ExchangeInboxEntity(key, entity.id(), entity.number(), pkg.reference(),
                                            now))));
        } catch (InvalidCaseException e) {
            throw new PackageRefusedException(Reason.REJECTED, "no case can be opened at center "
                    + pkg.targetCenter() + ": " + e.getMessage());
        } catch (CaseException e) {
            // another node took the same package at the same moment: its insert won, ours rolled back whole
            return received(key).orElseThrow(() -> e);
        }
        LOG.info("Received package {} of exchange partner {} as case {}", pkg.packageId(), partner.id(),
                opened.number());
        return new Receipt(pkg.packageId(), opened.number(), false);
    }

    private Optional<Receipt> received(ExchangeInboxEntity.Key key) {
        return Optional.ofNullable(database.inTransaction(s -> s.find(ExchangeInboxEntity.class, key)))
                .map(entry -> new Receipt(key.packageId(), entry.toEntry().caseNumber(), true));
    }

    /** The intake at the target center: its category for the case type, the fields it declares. */
    private NewCase intake(ExchangePackage pkg) {
        Center center = centers.center(pkg.targetCenter()).orElseThrow(() -> new PackageRefusedException(
                Reason.REJECTED, "this deployment has no center " + pkg.targetCenter() + "; its centers are "
                        + centers.centers().stream().map(Center::id).sorted().collect(Collectors.joining(", "))));
        CaseCategory category = center.categories().stream().filter(c -> c.caseType() == pkg.type()).findFirst()
                .orElseThrow(() -> new PackageRefusedException(Reason.REJECTED, "center " + center.id()
                        + " has no category for case type " + pkg.type()));
        Map<String, String> fields = pkg.fields().entrySet().stream()
                .filter(f -> center.field(f.getKey()).map(d -> d.type() != FieldType.PERSON).orElse(false))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new NewCase(center.id(), category.id(), pkg.country(), pkg.riskLevel(), pkg.riskReason(), fields,
                pkg.persons());
    }

    /** For {@link ExchangeOutbox}: the package to deliver. */
    Optional<ExchangeOutboxEntity> entry(UUID packageId) {
        return Optional.ofNullable(database.inTransaction(s -> s.find(ExchangeOutboxEntity.class, packageId)));
    }
}
