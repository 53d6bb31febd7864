package io.homeward.store.internal.duplicates;

import io.homeward.casemodel.duplicate.CaseLink;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A decision about two cases (table {@code hw_case_link}, V13): the same child, or not the same. Only the undo
 * columns ever change, once.
 */
@Entity
@Table(name = "hw_case_link")
public class CaseLinkEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private UUID caseId;

    @Column(name = "other_id", nullable = false, updatable = false)
    private UUID otherId;

    @Column(name = "same_child", nullable = false, updatable = false)
    private boolean sameChild;

    @Column(name = "decided_by", nullable = false, updatable = false)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    @Column(name = "reason", nullable = false, updatable = false)
    private String reason;

    @Column(name = "undone_by")
    private String undoneBy;

    @Column(name = "undone_at")
    private Instant undoneAt;

    @Column(name = "undo_reason")
    private String undoReason;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected CaseLinkEntity() {
        // for Hibernate
    }

    public CaseLinkEntity(UUID caseId, UUID otherId, boolean sameChild, String decidedBy, Instant decidedAt,
            String reason) {
        this.id = UUID.randomUUID();
        this.caseId = caseId;
        this.otherId = otherId;
        this.sameChild = sameChild;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.reason = reason;
    }

    UUID id() {
        return id;
    }

    UUID caseId() {
        return caseId;
    }

    UUID otherId() {
        return otherId;
    }

    boolean sameChild() {
        return sameChild;
    }

    boolean inForce() {
        return undoneAt == null;
    }

    void undo(String by, Instant at, String why) {
        undoneBy = by;
        undoneAt = at;
        undoReason = why;
    }

    /** @param side the case the decision is read from: it comes first */
    CaseLink toLink(UUID side) {
        boolean flipped = side.equals(otherId);
        return new CaseLink(id, flipped ? otherId : caseId, flipped ? caseId : otherId, sameChild, decidedBy,
                decidedAt, reason, undoneBy, undoneAt, undoReason);
    }
}
