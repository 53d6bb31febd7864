package io.homeward.casemodel;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A note written on a case. Notes are append-only: once written, a note is never changed or removed, and
 * writing one does not change the case (nor its {@link Case#version()}).
 *
 * @param id never null
 * @param caseId the case it was written on, never null
 * @param author the user who wrote it, never null
 * @param at when it was written, never null
 * @param text never blank
 */
public record Note(UUID id, UUID caseId, String author, Instant at, String text) {
    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
