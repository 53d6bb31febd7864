package io.homeward.casemodel;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens, reads, searches and acts on cases. Every method is thread-safe and transactional: it either
 * completes and is durable when it returns, or changes nothing and throws a {@link CaseException}.
 *
 * <p>Changes of the case itself (workflow actions, fields, assignment, persons) take the {@link Case#version()}
 * the caller based them on and are refused with a {@link StaleCaseException} when the case changed since:
 * nobody's change is silently overwritten. Notes and attachments are appended beside the case: they cannot
 * overwrite anything, so they take no version and leave the case's version as it is. Every change is attributed
 * to its {@code actor}, the user on whose behalf it is made.
 */
@ProviderType
public interface CaseService {

    /**
     * Opens a case under the current workflow of the category's center.
     *
     * @param intake never null
     * @param actor the user opening the case, never null
     * @return the case as stored, with its number; durable when returned
     * @throws InvalidCaseException when the intake breaks the center's declaration, listing every problem
     */
    Case open(NewCase intake, String actor);

    /** @return the case, or empty when no case has this id */
    Optional<Case> find(UUID id);

    /**
     * Searches from indexes: case numbers exactly or by their beginning, names across scripts and spellings. With
     * text, the best matches come first (a case number, then the same spelling, then its beginning, then similar
     * spellings and sounds), each in the query's order, and the page says how each case matched; without, the
     * query's order alone. Totals are counted up to {@link CasePage#COUNT_CAP}.
     *
     * @return one page of the cases matching the query; never null
     */
    CasePage search(CaseQuery query);

    /** @return counts over every case the query matches; never null */
    CaseStatistics statistics(CaseQuery query);

    /**
     * Performs a workflow action on a case.
     *
     * @param id the case
     * @param action one of the actions allowed in the case's current state
     * @param expectedVersion the {@link Case#version()} the caller based the action on
     * @param fields custom field values to set with the action, never null (may be empty)
     * @param note free text for the timeline, may be null
     * @param actor the user performing it, never null
     * @return the case after the action
     * @throws CaseNotFoundException when no case has this id
     * @throws StaleCaseException when the case changed since {@code expectedVersion}
     * @throws InvalidCaseException when the action is not allowed or required fields are missing
     */
    Case perform(UUID id, String action, long expectedVersion, Map<String, String> fields, String note,
            String actor);

    /**
     * Moves every open case of a center from one version of a workflow to the newest version, using the
     * migration that the newest version declares for {@code fromVersion}. One transaction: all cases move or
     * none; each moved case's timeline records it.
     *
     * @return how many cases moved
     * @throws InvalidCaseException when the center, the workflow or a migration from that version is unknown
     */
    int migrate(String centerId, String workflowId, int fromVersion, String actor);

    /**
     * @return the case's timeline, oldest first
     * @throws CaseNotFoundException when no case has this id
     */
    List<TimelineEvent> timeline(UUID id);

    /**
     * Sets custom fields of a case outside a workflow action, checked against the center's field declarations
     * and the fields its current state requires; recorded on the timeline as {@link TimelineEvent#FIELDS_UPDATED}.
     *
     * @param fields field id to new value, never null nor empty; a null value clears the field
     * @param expectedVersion the {@link Case#version()} the caller based the change on
     * @param actor never null
     * @return the case after the change
     * @throws CaseNotFoundException when no case has this id
     * @throws StaleCaseException when the case changed since {@code expectedVersion}
     * @throws InvalidCaseException when a field is unknown, a value does not suit its field, or a field the
     *     current state requires would be cleared
     */
    Case updateFields(UUID id, long expectedVersion, Map<String, String> fields, String actor);

    /**
     * Assigns a case to a user, or unassigns it; recorded on the timeline as {@link TimelineEvent#ASSIGNED}.
     * The store does not know users: whether {@code assignee} may work the case is the caller's to check.
     *
     * @param assignee the user to assign, or null to unassign
     * @param expectedVersion the {@link Case#version()} the caller based the change on
     * @param actor never null
     * @return the case after the change
     * @throws CaseNotFoundException when no case has this id
     * @throws StaleCaseException when the case changed since {@code expectedVersion}
     * @throws InvalidCaseException when {@code assignee} is blank or longer than 200 characters
     */
    Case assign(UUID id, long expectedVersion, String assignee, String actor);

    /**
     * Links one more person to a case, after those it has; recorded on the timeline as
     * {@link TimelineEvent#PERSON_ADDED}.
     *
     * @param person never null
     * @param expectedVersion the {@link Case#version()} the caller based the change on
     * @param actor never null
     * @return the case after the change; the new person is the last of {@link Case#persons()}
     * @throws CaseNotFoundException when no case has this id
     * @throws StaleCaseException when the case changed since {@code expectedVersion}
     * @throws InvalidCaseException when a detail is too long for the store
     */
    Case addPerson(UUID id, long expectedVersion, PersonDetails person, String actor);

    /**
     * Writes a note on a case.
     *
     * @param text never blank
     * @param actor the author, never null
     * @return the note as stored; durable when returned
     * @throws CaseNotFoundException when no case has this id
     * @throws InvalidCaseException when the text is blank
     */
    Note addNote(UUID id, String text, String actor);

    /**
     * @return the notes of a case, oldest first; never null
     * @throws CaseNotFoundException when no case has this id
     */
    List<Note> notes(UUID id);

    /**
     * Attaches a file to a case, kept in the case database (so that no platform node keeps files of its own).
     * The content is read once, at most up to the store's size limit plus one byte: a larger file is refused
     * without being read to its end. Its media type is detected from the content (PDF, PNG, JPEG, GIF or UTF-8
     * text, see {@link AttachmentRefusedException#ACCEPTED_TYPES}), never taken from the name, and must agree
     * with what the uploader declared. Its SHA-256 digest is recorded. The stream is not closed.
     *
     * @param filename the file's name as the uploader gave it; any folder part is dropped; never blank
     * @param declaredType the media type the uploader declared (parameters such as {@code charset} are ignored),
     *     or null to take the detected type
     * @param declaredSize the size the uploader announced, or -1 when unknown; a size above the limit is refused
     *     before anything is read
     * @param content never null
     * @param actor never null
     * @return the attachment as stored; durable when returned
     * @throws CaseNotFoundException when no case has this id
     * @throws AttachmentRefusedException when the file is too large, empty, of an unaccepted type, or not of the
     *     declared type; nothing is stored
     * @throws InvalidCaseException when the filename is blank or too long
     * @throws java.io.UncheckedIOException when reading the content fails; nothing is stored
     */
    Attachment attach(UUID id, String filename, String declaredType, long declaredSize, InputStream content,
            String actor);

    /**
     * @return the attachments of a case, without their content, oldest first; never null
     * @throws CaseNotFoundException when no case has this id
     */
    List<Attachment> attachments(UUID id);

    /**
     * @return the attachment with its content, or empty when the case has no attachment with this id
     * @throws CaseNotFoundException when no case has this id
     */
    Optional<AttachmentContent> attachmentContent(UUID id, UUID attachmentId);
}
