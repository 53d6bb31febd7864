package io.homeward.store.internal.cases;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.AttachmentContent;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.CaseStatistics;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.Note;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.audit.PendingAudit;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.caserecord.CaseChanges;
import io.homeward.store.internal.db.Database;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link CaseService} that every other bundle gets: authorization, center scoping and auditing around
 * {@link CaseServiceImpl}, once, so that no endpoint or caller can forget them. Every method reads the
 * {@link Subject} bound by {@link SubjectContext} (none bound: refused) and
 * <ul>
 * <li>refuses with {@link AccessDeniedException} (403) what the subject's roles do not permit at all;</li>
 * <li>answers a case the subject's center may not see as not found (404) — searches and statistics run with the
 * subject's center as {@link CaseQuery#viewer()}, whatever the caller asked, and single cases are checked by
 * the same rule ({@link CaseAccess});</li>
 * <li>allows changes only to cases the subject's center owns or that are assigned to the subject;</li>
 * <li>records every read of a case's content and every change (old → new, from the snapshots before and after)
 * in the {@link AuditLog};</li>
 * <li>attributes changes to the subject: the {@code actor} a caller passes counts only for system subjects
 * (internal jobs name themselves).</li>
 * </ul>
 * A method added to {@link CaseService} must be added here too (the compiler insists), with its permission.
 *
 * <p>A change is recorded in its own transaction, last before it commits ({@link PendingAudit}): the change and
 * its entry are stored together or not at all, and a change whose entry cannot be written is not made. A read is
 * recorded before its result is returned: a read that cannot be recorded is refused.
 */
@Component(service = CaseService.class)
public final class AuthorizedCaseService implements CaseService {

    private final CaseServiceImpl cases;
    private final CaseAccess access;
    private final AuditLog audit;

    @Activate
    public AuthorizedCaseService(@Reference CaseServiceImpl cases, @Reference Database database,
            @Reference CenterRegistry centers, @Reference AuditLog audit) {
        this(cases, new CaseAccess(database, centers, Clock.systemUTC()), audit);
    }

    public AuthorizedCaseService(CaseServiceImpl cases, CaseAccess access, AuditLog audit) {
        this.cases = cases;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public Case open(NewCase intake, String actor) {
        Subject subject = permitted(Permission.CASE_INTAKE);
        Objects.requireNonNull(intake, "intake");
        if (!subject.system() && !intake.centerId().equals(subject.centerId())) {
            throw new AccessDeniedException("you can open cases for your own center only");
        }
        return audited(subject, "CASE_OPENED", Case::id, opened -> changes(null, opened, ""),
                () -> cases.open(intake, actor(subject, actor)));
    }

    @Override
    public Optional<Case> find(UUID id) {
        Subject subject = permitted(Permission.CASE_READ);
        Objects.requireNonNull(id, "id");
        if (!access.visible(subject, id)) {
            return Optional.empty();
        }
        Optional<Case> found = cases.find(id);
        found.ifPresent(c -> read(subject, "CASE_READ", id, "case " + c.number()));
        return found;
    }

    @Override
    public CasePage search(CaseQuery query) {
        Subject subject = permitted(Permission.CASE_READ);
        CasePage page = cases.search(scoped(subject, query));
        if (!page.cases().isEmpty()) {
            // search results carry the persons of each case: a read of each
            read(subject, "CASE_SEARCH", null, "search " + criteria(query) + " listed " + page.cases().stream()
                    .map(Case::number).collect(Collectors.joining(", ")));
        }
        return page;
    }

    @Override
    public CaseStatistics statistics(CaseQuery query) {
        Subject subject = permitted(Permission.STATISTICS);
        return cases.statistics(scoped(subject, query));
    }

    @Override
    public Case perform(UUID id, String action, long expectedVersion, Map<String, String> fields, String note,
            String actor) {
        return change(id, "action " + action + (note == null ? "" : "\nnote: " + note),
                by -> cases.perform(id, action, expectedVersion, fields, note, actor(by, actor)));
    }

    @Override
    public int migrate(String centerId, String workflowId, int fromVersion, String actor) {
        Subject subject = permitted(Permission.PLATFORM_ADMIN);
        return audited(subject, "WORKFLOW_MIGRATED", moved -> null, moved -> "center " + centerId + ", workflow "
                + workflowId + " from version " + fromVersion + ": " + moved + " open case(s) moved",
                () -> cases.migrate(centerId, workflowId, fromVersion, actor(subject, actor)));
    }

    @Override
    public List<TimelineEvent> timeline(UUID id) {
        return readOf(id, "CASE_HISTORY_READ", () -> cases.timeline(id), events -> events.size() + " timeline events");
    }

    @Override
    public Case updateFields(UUID id, long expectedVersion, Map<String, String> fields, String actor) {
        return change(id, "fields updated", by -> cases.updateFields(id, expectedVersion, fields, actor(by, actor)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Needs {@link Permission#CASE_ASSIGN} on a case the subject's center owns; the assignee must be a user whose
     * center can see the case.
     */
    @Override
    public Case assign(UUID id, long expectedVersion, String assignee, String actor) {
        Subject subject = permitted(Permission.CASE_ASSIGN);
        Case before = visible(subject, id);
        if (!subject.system() && !before.centerId().equals(subject.centerId())) {
            throw new AccessDeniedException("only the center that owns case " + before.number() + " assigns it");
        }
        if (assignee != null && !visibleToUser(assignee, id)) {
            throw new InvalidCaseException("assignee", "no active user " + assignee + " whose center can see case "
                    + before.number());
        }
        return audited(subject, "CASE_CHANGED", Case::id, after -> changes(before, after, "assigned"),
                () -> cases.assign(id, expectedVersion, assignee, actor(subject, actor)));
    }

    @Override
    public Case addPerson(UUID id, long expectedVersion, PersonDetails person, String actor) {
        return change(id, "person added", by -> cases.addPerson(id, expectedVersion, person, actor(by, actor)));
    }

    @Override
    public Note addNote(UUID id, String text, String actor) {
        Subject subject = permitted(Permission.CASE_UPDATE);
        writable(subject, id);
        return audited(subject, "NOTE_ADDED", Note::caseId, note -> "note " + note.id() + ": (none) → " + note.text(),
                () -> cases.addNote(id, text, actor(subject, actor)));
    }

    @Override
    public List<Note> notes(UUID id) {
        return readOf(id, "CASE_NOTES_READ", () -> cases.notes(id), notes -> notes.size() + " notes");
    }

    @Override
    public Attachment attach(UUID id, String filename, String declaredType, long declaredSize, InputStream content,
            String actor) {
        Subject subject = permitted(Permission.CASE_UPDATE);
        writable(subject, id);
        return audited(subject, "ATTACHMENT_ADDED", Attachment::caseId, attached -> "attachment " + attached.id()
                + ": (none) → " + attached.filename() + ", " + attached.contentType() + ", " + attached.size()
                + " bytes, SHA-256 " + attached.sha256(),
                () -> cases.attach(id, filename, declaredType, declaredSize, content, actor(subject, actor)));
    }

    @Override
    public List<Attachment> attachments(UUID id) {
        return readOf(id, "CASE_ATTACHMENTS_READ", () -> cases.attachments(id),
                attachments -> attachments.size() + " attachments listed");
    }

    @Override
    public Optional<AttachmentContent> attachmentContent(UUID id, UUID attachmentId) {
        Subject subject = permitted(Permission.CASE_READ);
        visible(subject, id);
        Optional<AttachmentContent> content = cases.attachmentContent(id, attachmentId);
        content.ifPresent(a -> read(subject, "ATTACHMENT_READ", id, "attachment " + attachmentId + " ("
                + a.attachment().filename() + ")"));
        return content;
    }

    /**
     * A read of one case's content: permitted, visible, and recorded before the result is returned.
     *
     * @param detail what was read, for the audit trail
     */
    private <T> T readOf(UUID id, String action, Supplier<T> read, Function<T, String> detail) {
        Subject subject = permitted(Permission.CASE_READ);
        visible(subject, id);
        T result = read.get();
        read(subject, action, id, detail.apply(result));
        return result;
    }

    /** A change of a case the subject may change, audited with every value it changed. */
    private Case change(UUID id, String what, Function<Subject, Case> change) {
        Subject subject = permitted(Permission.CASE_UPDATE);
        Case before = writable(subject, id);
        return audited(subject, "CASE_CHANGED", Case::id, after -> changes(before, after, what),
                () -> change.apply(subject));
    }

    /** @return the subject bound to this thread, when it has the permission */
    private static Subject permitted(Permission permission) {
        return CaseAccess.permitted(permission);
    }

    /** @return the case, when the subject's center can see it; else not found, exactly like a missing case */
    private Case visible(Subject subject, UUID id) {
        Objects.requireNonNull(id, "id");
        if (!access.visible(subject, id)) {
            throw new CaseNotFoundException(id);
        }
        return cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
    }

    /** @return the case, when the subject may change it: owned by the subject's center or assigned to the subject */
    private Case writable(Subject subject, UUID id) {
        return access.writableCase(subject, id);
    }

    /** Searches of users see through their center's eyes, whatever viewer the caller asked for. */
    private static CaseQuery scoped(Subject subject, CaseQuery query) {
        Objects.requireNonNull(query, "query");
        return subject.system() ? query : query.withViewer(subject.centerId());
    }

    private static String actor(Subject subject, String actor) {
        return subject.system() ? Objects.requireNonNull(actor, "actor") : subject.username();
    }

    /** Records a read before its result leaves the store; a read that cannot be recorded fails. */
    private void read(Subject subject, String action, UUID caseId, String detail) {
        audit.append(subject.username(), action, caseId, detail);
    }

    /**
     * Makes a change whose audit entry is written in the change's own transaction (see {@link PendingAudit}).
     *
     * @param caseId the case the change concerns, from what it returns; may give null
     * @param detail what changed, from what the change returns
     */
    private <T> T audited(Subject subject, String action, Function<T, UUID> caseId, Function<T, String> detail,
            Supplier<T> change) {
        return PendingAudit.around((session, result) -> audit.append(session, subject.username(), action,
                caseId.apply(result), detail.apply(result)), change);
    }

    /** @return what the audit entry of a change of a case says: what was done, then every value it changed */
    private static String changes(Case before, Case after, String what) {
        String changes = CaseChanges.between(before, after);
        return what.isEmpty() ? changes : what + (changes.isEmpty() ? "" : "\n" + changes);
    }

    /** @return whether the user exists, is enabled and their center can see the case */
    private boolean visibleToUser(String username, UUID caseId) {
        return cases.enabledUser(username).filter(user -> access.visible(user, caseId)).isPresent();
    }

    private static String criteria(CaseQuery query) {
        return "center=" + query.centerId() + " country=" + query.country() + " status=" + query.status()
                + " type=" + query.type() + " overdue=" + query.overdue() + " text=" + query.text()
                + " assignee=" + query.assignee() + " risk=" + query.riskLevel() + " opened=" + query.openedFrom()
                + ".." + query.openedTo() + " born=" + query.bornFrom() + ".." + query.bornTo()
                + " offset=" + query.offset() + " limit=" + query.limit();
    }
}
