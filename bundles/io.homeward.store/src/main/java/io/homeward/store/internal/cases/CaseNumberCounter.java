package io.homeward.store.internal.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The last case-number sequence value a center used in a year, for its own scheme or, at a hub, for one member
 * country's scheme (table {@code hw_case_number}). Several nodes
 * may share one database, so the counter lives there and is only ever advanced under a row lock
 * ({@code SELECT ... FOR UPDATE}) in the transaction that stores the case: numbers are unique and, since a
 * rolled-back intake rolls its increment back too, without gaps.
 */
@Entity
@Table(name = "hw_case_number")
public class CaseNumberCounter {

    @EmbeddedId
    private Key key;

    @Column(name = "last_value", nullable = false)
    private long lastValue;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected CaseNumberCounter() {
        // for Hibernate
    }

    CaseNumberCounter(Key key) {
        this.key = key;
    }

    /** @return the next sequence value, now taken */
    long next() {
        return ++lastValue;
    }

    /**
     * A center's sequence in one year.
     *
     * @param centerId never null
     * @param scope {@link #CENTER_SCHEME} for the center's own scheme, or the country code whose scheme a hub's
     *     rules for that country give; never null
     * @param year the calendar year the cases were opened in, in the center's time zone
     */
    @Embeddable
    public record Key(@Column(name = "center_id") String centerId, @Column(name = "number_scope") String scope,
            @Column(name = "case_year") int year) {
        /** The scope of a center's own case-number scheme. */
        static final String CENTER_SCHEME = "";
    }
}
