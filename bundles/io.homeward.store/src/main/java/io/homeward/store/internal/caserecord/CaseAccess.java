package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.Permission;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.store.internal.db.Database;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether a subject may see one case, by the same rule as every search: {@link CaseFilter} with the subject's
 * center as viewer, narrowed to the case. A system subject sees every case.
 */
public final class CaseAccess {

    private final Database database;
    private final CenterRegistry centers;
    private final Clock clock;

    public CaseAccess(Database database, CenterRegistry centers, Clock clock) {
        this.database = database;
        this.centers = centers;
        this.clock = clock;
    }

    /** @return whether the case exists and the subject's center can see it */
    public boolean visible(Subject subject, UUID caseId) {
        if (!subject.system() && subject.centerId() == null) {
            return false;
        }
        CaseQuery query = subject.system() ? CaseQuery.all() : CaseQuery.all().withViewer(subject.centerId());
        return database.inTransaction(session -> {
            CaseFilter filter = new CaseFilter(query, centers, clock.instant(), session);
            return filter.bind(session.createSelectionQuery("select count(c)" + filter.from() + " and c.id = :caseId",
                    Long.class)).setParameter("caseId", caseId).getSingleResult() > 0;
        });
    }

    /** @return the subject bound to this thread, when it has the permission */
    public static Subject permitted(Permission permission) {
        Subject subject = SubjectContext.require();
        if (!subject.may(permission)) {
            throw new AccessDeniedException("your role does not allow this (" + permission + ")");
        }
        return subject;
    }

    /** @return the case, when the subject's center can see it; else not found, exactly like a missing case */
    public Case visibleCase(Subject subject, UUID id) {
        Objects.requireNonNull(id, "id");
        if (!visible(subject, id)) {
            throw new CaseNotFoundException(id);
        }
        return database.inTransaction(session -> java.util.Optional.ofNullable(session.find(CaseEntity.class, id))
                .map(CaseEntity::toCase)).orElseThrow(() -> new CaseNotFoundException(id));
    }

    /** @return the case, when the subject's center can see it and owns it (system subjects: any case) */
    public Case ownedCase(Subject subject, UUID id) {
        Case c = visibleCase(subject, id);
        if (!subject.system() && !c.centerId().equals(subject.centerId())) {
            throw new AccessDeniedException("case " + c.number() + " is owned by another center: only its owner"
                    + " does this");
        }
        return c;
    }

    /** @return the case, when the subject may change it: owned by the subject's center or assigned to the subject */
    public Case writableCase(Subject subject, UUID id) {
        Case c = visibleCase(subject, id);
        if (!subject.system() && !c.centerId().equals(subject.centerId())
                && !subject.username().equals(c.assignee())) {
            throw new AccessDeniedException("case " + c.number() + " is owned by another center and not assigned"
                    + " to you: you can read it, not change it");
        }
        return c;
    }
}
