package io.homeward.store.internal.exchange;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.exchange.ExchangeService;
import io.homeward.casemodel.exchange.InboxEntry;
import io.homeward.casemodel.exchange.OutboxEntry;
import io.homeward.casemodel.exchange.Receipt;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.audit.PendingAudit;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.AuthorizedCaseService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link ExchangeService} that every other bundle gets: authorization and audit around
 * {@link ExchangeServiceImpl}, by the rules of {@link AuthorizedCaseService}, whose case reads it goes through.
 * <ul>
 * <li>Sending a case is a change of it ({@link Permission#CASE_UPDATE}) that only its owning center makes: the case
 * leaves the deployment. It is audited as {@code EXCHANGE_SENT}: the package is a read of the case by the partner.</li>
 * <li>The outbox and the inbox list what concerns the caller's center ({@link Permission#CASE_READ}); system
 * subjects see all. Each list is audited ({@code EXCHANGE_OUTBOX_READ}, {@code EXCHANGE_INBOX_READ}) with the case
 * numbers it names.</li>
 * <li>The deployment's identity and exported packages are for platform administrators; an export is audited
 * ({@code EXCHANGE_EXPORTED}) on the case it was made of.</li>
 * <li>Receiving needs no subject: the package's signature by a configured partner is its credential (see
 * {@link ExchangeService#receive}); the case is opened by the system on the partner's behalf and audited as
 * {@code EXCHANGE_RECEIVED}.</li>
 * </ul>
 */
@Component(service = ExchangeService.class)
public final class AuthorizedExchangeService implements ExchangeService {

    private final ExchangeServiceImpl exchange;
    private final CaseService cases;
    private final AuditLog audit;

    @Activate
    public AuthorizedExchangeService(@Reference ExchangeServiceImpl exchange, @Reference CaseService cases,
            @Reference AuditLog audit) {
        this.exchange = exchange;
        this.cases = cases;
        this.audit = audit;
    }

    @Override
    public OutboxEntry send(UUID caseId, String partnerId, String targetCenter, String message, String actor) {
        Subject subject = CaseAccess.permitted(Permission.CASE_UPDATE);
        Objects.requireNonNull(caseId, "caseId");
        // read through the case service: not visible is not found, and the read is audited
        Case c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (!subject.system() && !c.centerId().equals(subject.centerId())) {
            throw new AccessDeniedException("only the center that owns case " + c.number() + " sends it to a partner");
        }
        String by = subject.system() ? Objects.requireNonNull(actor, "actor") : subject.username();
        return PendingAudit.around((session, entry) -> audit.append(session, subject.username(), "EXCHANGE_SENT",
                caseId, "package " + entry.packageId() + " queued for partner " + entry.partnerId() + ", center "
                        + entry.targetCenter()), () -> exchange.send(caseId, partnerId, targetCenter, message, by));
    }

    @Override
    public List<OutboxEntry> outbox(UUID caseId) {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        if (caseId != null && !subject.system() && cases.find(caseId).isEmpty()) {
            throw new CaseNotFoundException(caseId);
        }
        List<OutboxEntry> entries = exchange.outbox(caseId, subject.system() ? null : subject.centerId());
        // read before the list leaves the store, like a search: it names cases and partners
        audit.append(subject.username(), "EXCHANGE_OUTBOX_READ", caseId, listed(entries.stream()
                .map(OutboxEntry::caseNumber).toList()));
        return entries;
    }

    @Override
    public List<InboxEntry> inbox() {
        Subject subject = CaseAccess.permitted(Permission.CASE_READ);
        List<InboxEntry> entries = exchange.inbox(subject.system() ? null : subject.centerId());
        audit.append(subject.username(), "EXCHANGE_INBOX_READ", null, listed(entries.stream()
                .map(InboxEntry::caseNumber).toList()));
        return entries;
    }

    private static String listed(List<String> caseNumbers) {
        return caseNumbers.size() + " packages" + (caseNumbers.isEmpty() ? "" : ", of cases "
                + String.join(", ", new LinkedHashSet<>(caseNumbers)));
    }

    @Override
    public Receipt receive(byte[] content, byte[] signature) {
        return exchange.receive(content, signature);
    }

    @Override
    public SignedPackage export(UUID packageId) {
        Subject subject = CaseAccess.permitted(Permission.PLATFORM_ADMIN);
        ExchangeServiceImpl.Exported exported = exchange.export(packageId);
        audit.append(subject.username(), "EXCHANGE_EXPORTED", exported.caseId(), "package " + packageId
                + " exported as files");
        return exported.signed();
    }

    @Override
    public Identity identity() {
        CaseAccess.permitted(Permission.PLATFORM_ADMIN);
        return exchange.identity();
    }
}
