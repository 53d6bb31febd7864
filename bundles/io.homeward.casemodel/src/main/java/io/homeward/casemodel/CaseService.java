package io.homeward.casemodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens, reads, searches and acts on cases. Every method is thread-safe and transactional: it either
 * completes and is durable when it returns, or changes nothing and throws a {@link CaseException}.
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

    /** @return one page of the cases matching the query, newest first; never null */
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
}
