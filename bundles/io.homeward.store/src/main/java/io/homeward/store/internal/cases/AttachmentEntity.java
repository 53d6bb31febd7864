package io.homeward.store.internal.cases;

import io.homeward.casemodel.Attachment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * What is known of a file attached to a case (table {@code hw_attachment}); its bytes are an
 * {@link AttachmentContentEntity} of the same id, so that listing attachments never reads them. Append-only.
 */
@Entity
@Immutable
@Table(name = "hw_attachment")
public class AttachmentEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "filename", nullable = false)
    private String filename;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "byte_size", nullable = false)
    private long size;

    @Column(name = "sha256", nullable = false)
    private String sha256;

    @Column(name = "uploaded_by", nullable = false)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    protected AttachmentEntity() {
        // for Hibernate
    }

    AttachmentEntity(Attachment attachment) {
        this.id = attachment.id();
        this.caseId = attachment.caseId();
        this.filename = attachment.filename();
        this.contentType = attachment.contentType();
        this.size = attachment.size();
        this.sha256 = attachment.sha256();
        this.uploadedBy = attachment.uploadedBy();
        this.uploadedAt = attachment.uploadedAt();
    }

    UUID caseId() {
        return caseId;
    }

    public Attachment toAttachment() {
        return new Attachment(id, caseId, filename, contentType, size, sha256, uploadedBy, uploadedAt);
    }
}
