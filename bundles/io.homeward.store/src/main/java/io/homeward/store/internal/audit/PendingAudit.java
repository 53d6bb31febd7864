package io.homeward.store.internal.audit;

import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * The audit entry of the change being made on this thread, written in the change's own transaction, last before it
 * commits: the change and its entry are committed together or not at all, whatever fails or crashes when, and a
 * change whose entry cannot be written is not made. The service that authorizes a change names its entry with
 * {@link #around}; the implementation calls {@link #write} in the transaction that makes the change, with what the
 * change returns (the entry may need it: an opened case's id and number, the values after a change).
 */
public final class PendingAudit {

    private static final ThreadLocal<Pending> CURRENT = new ThreadLocal<>();

    private PendingAudit() {
    }

    /**
     * Makes a change whose transaction writes the entry.
     *
     * @param entry writes the entry, given the change's session and what the change returns
     * @param change makes the change, calling {@link #write} in its transaction
     * @return what the change returns
     * @throws IllegalStateException when the change returned without writing the entry: a path of the
     *     implementation that forgot {@link #write}, caught by the tests rather than left unaudited
     */
    public static <T> T around(BiConsumer<Session, T> entry, Supplier<T> change) {
        Pending outer = CURRENT.get();
        Pending pending = new Pending(entry);
        CURRENT.set(pending);
        try {
            T result = change.get();
            if (!pending.written) {
                throw new IllegalStateException("a change was made without writing its audit entry");
            }
            return result;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Writes the entry of the change this thread is making, if one is pending (changes made by the platform's own
     * jobs have none), in the transaction of the given session; called last in the transaction that makes it.
     *
     * @return the result, for chaining
     */
    public static <T> T write(Session session, T result) {
        Pending pending = CURRENT.get();
        if (pending != null && !pending.written) {
            pending.write(session, result);
            pending.written = true;
        }
        return result;
    }

    private static final class Pending {
        private final BiConsumer<Session, ?> entry;
        private boolean written;

        Pending(BiConsumer<Session, ?> entry) {
            this.entry = entry;
        }

        @SuppressWarnings("unchecked") // around() binds the entry and the change to one type
        void write(Session session, Object result) {
            ((BiConsumer<Session, Object>) entry).accept(session, result);
        }
    }
}
