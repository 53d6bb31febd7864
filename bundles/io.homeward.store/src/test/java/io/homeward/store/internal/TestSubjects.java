package io.homeward.store.internal;

import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import java.util.Set;
import java.util.function.Supplier;

/** The staff of {@link TestCenters} that the contract tests act as, and the way to act as one. */
public final class TestSubjects {

    public static final Subject RO_SUPERVISOR = Subject.user("ro.supervisor", TestCenters.RO, Set.of(Role.SUPERVISOR));
    public static final Subject RO_WORKER = Subject.user("ro.worker", TestCenters.RO, Set.of(Role.CASE_WORKER));
    public static final Subject RO_OPERATOR = Subject.user("ro.operator", TestCenters.RO,
            Set.of(Role.HOTLINE_OPERATOR));
    public static final Subject GR_SUPERVISOR = Subject.user("gr.supervisor", TestCenters.OTHER,
            Set.of(Role.SUPERVISOR));
    public static final Subject BE_SUPERVISOR = Subject.user("be.supervisor", TestCenters.TEST,
            Set.of(Role.SUPERVISOR));
    public static final Subject HUB_SUPERVISOR = Subject.user("seec.supervisor", TestCenters.SEEC,
            Set.of(Role.SUPERVISOR));

    private TestSubjects() {
    }

    /** @return what the work returned, run with the subject bound to this thread */
    public static <T> T as(Subject subject, Supplier<T> work) {
        return SubjectContext.callAs(subject, work);
    }
}
