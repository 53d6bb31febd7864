package io.homeward.store.internal.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * The bytes of an attachment (table {@code hw_attachment_content}), keyed by the {@link AttachmentEntity}'s id.
 * A plain binary column (PostgreSQL {@code bytea}, H2 {@code VARBINARY}) rather than a LOB: attachments are
 * bounded by the store's size limit, and Hibernate would map a LOB to PostgreSQL large objects, which live outside
 * the table and are not deleted with its rows.
 */
@Entity
@Immutable
@Table(name = "hw_attachment_content")
public class AttachmentContentEntity {

    @Id
    @Column(name = "attachment_id")
    private UUID attachmentId;

    @Column(name = "content", nullable = false)
    private byte[] content;

    protected AttachmentContentEntity() {
        // for Hibernate
    }

    AttachmentContentEntity(UUID attachmentId, byte[] content) {
        this.attachmentId = attachmentId;
        this.content = content;
    }

    public byte[] content() {
        return content.clone();
    }
}
