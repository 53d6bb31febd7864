package io.homeward.casemodel.security;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link Subject} bound to the current thread. The web binds the authenticated user for the duration of
 * a request; internal jobs bind a {@link Subject#system(String) system subject} around their work. The store
 * reads it on every call and refuses calls without one (fail closed). The binding is per thread: work handed to
 * another thread must bind the subject there again.
 */
public final class SubjectContext {

    private static final ThreadLocal<Subject> CURRENT = new ThreadLocal<>();

    private SubjectContext() {
    }

    /** @return the subject the current thread acts for, or empty when none is bound */
    public static Optional<Subject> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * @return the subject the current thread acts for
     * @throws AccessDeniedException when none is bound
     */
    public static Subject require() {
        Subject subject = CURRENT.get();
        if (subject == null) {
            throw new AccessDeniedException("no authenticated user");
        }
        return subject;
    }

    /**
     * Runs work as the given subject, then restores whatever was bound before (bindings nest).
     *
     * @return what the work returned
     */
    public static <T> T callAs(Subject subject, Supplier<T> work) {
        Subject previous = CURRENT.get();
        CURRENT.set(java.util.Objects.requireNonNull(subject, "subject"));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Runs work as the given subject, then restores whatever was bound before. */
    public static void runAs(Subject subject, Runnable work) {
        callAs(subject, () -> {
            work.run();
            return null;
        });
    }
}
