package io.homeward.casemodel;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What is known of a file attached to a case; the content itself is read with
 * {@link CaseService#attachmentContent(UUID, UUID)}. Attachments are append-only and do not change the case
 * (nor its {@link Case#version()}).
 *
 * @param id never null
 * @param caseId the case it is attached to, never null
 * @param filename the file's name as the uploader gave it, without any folder; never blank
 * @param contentType the media type detected from the content (and matching what the uploader declared), one of
 *     {@link AttachmentRefusedException#ACCEPTED_TYPES}; never null
 * @param size in bytes, at least 1
 * @param sha256 the SHA-256 digest of the content, lowercase hex; never null
 * @param uploadedBy the user who attached it, never null
 * @param uploadedAt never null
 */
public record Attachment(UUID id, UUID caseId, String filename, String contentType, long size, String sha256,
        String uploadedBy, Instant uploadedAt) {
    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }
}
