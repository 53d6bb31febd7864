package io.homeward.store.internal;

import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.Subject;
import java.time.Clock;
import java.util.UUID;

/**
 * Whether a subject may see one case, by the same rule as every search: {@link CaseFilter} with the subject's
 * center as viewer, narrowed to the case. A system subject sees every case.
 */
final class CaseAccess {

    private final Database database;
    private final CenterRegistry centers;
    private final Clock clock;

    CaseAccess(Database database, CenterRegistry centers, Clock clock) {
        this.database = database;
        this.centers = centers;
        this.clock = clock;
    }

    /** @return whether the user exists, is enabled and their center can see the case */
    boolean visibleToUser(String username, UUID caseId) {
        UserEntity user = database.inTransaction(session -> session.find(UserEntity.class, username));
        return user != null && !user.disabled() && visible(user.toUser().subject(), caseId);
    }

    /** @return whether the case exists and the subject's center can see it */
    boolean visible(Subject subject, UUID caseId) {
        if (!subject.system() && subject.centerId() == null) {
            return false;
        }
        CaseFilter filter = new CaseFilter(subject.system() ? CaseQuery.all() : CaseQuery.all()
                .withViewer(subject.centerId()), centers, clock.instant());
        return database.inTransaction(session -> filter.bind(session.createSelectionQuery(
                "select count(c) from CaseEntity c" + filter.where() + " and c.id = :caseId", Long.class))
                .setParameter("caseId", caseId).getSingleResult() > 0);
    }
}
