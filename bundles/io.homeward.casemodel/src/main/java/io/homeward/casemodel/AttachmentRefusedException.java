package io.homeward.casemodel;

import java.util.List;

/**
 * A file was not attached, because of its size or its content; nothing was stored. The message says what the
 * uploader can do about it.
 */
public class AttachmentRefusedException extends CaseException {
    private static final long serialVersionUID = 1L;

    /** The media types an attachment may have: what the store recognises by content. */
    public static final List<String> ACCEPTED_TYPES = List.of("application/pdf", "image/png", "image/jpeg",
            "image/gif", "text/plain");

    /** Why a file was refused. */
    public enum Reason {
        /** Larger than the store's limit (announced or counted while reading). */
        TOO_LARGE,
        /** The content is of none of the {@link #ACCEPTED_TYPES} (e.g. an executable), or is empty. */
        UNSUPPORTED_CONTENT,
        /** The content is of an accepted type, but not of the type the uploader declared. */
        TYPE_MISMATCH
    }

    private final Reason reason;

    public AttachmentRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the file was refused, never null */
    public Reason reason() {
        return reason;
    }
}
