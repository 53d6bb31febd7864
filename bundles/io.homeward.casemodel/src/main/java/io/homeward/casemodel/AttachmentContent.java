package io.homeward.casemodel;

import java.util.Objects;

/**
 * An attachment with its content, as read from the store. The content is at most the store's size limit for
 * attachments, so it is held in memory.
 *
 * @param attachment never null
 * @param content the bytes as uploaded; the array is the caller's own, never null
 */
public record AttachmentContent(Attachment attachment, byte[] content) {
    public AttachmentContent {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(content, "content");
    }
}
