package io.homeward.store.internal.cases;

import io.homeward.casemodel.Note;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A note on a case (table {@code hw_case_note}). Append-only, hence {@link Immutable} and without a version. Like
 * the timeline it refers to its case by id, so that writing a note neither loads nor changes the case.
 */
@Entity
@Immutable
@Table(name = "hw_case_note")
public class NoteEntity {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "author", nullable = false)
    private String author;

    @Column(name = "written_at", nullable = false)
    private Instant writtenAt;

    @Column(name = "note_text", nullable = false)
    private String text;

    protected NoteEntity() {
        // for Hibernate
    }

    NoteEntity(UUID caseId, String author, Instant writtenAt, String text) {
        this.id = UUID.randomUUID();
        this.caseId = caseId;
        this.author = author;
        this.writtenAt = writtenAt;
        this.text = text;
    }

    Note toNote() {
        return new Note(id, caseId, author, writtenAt, text);
    }
}
