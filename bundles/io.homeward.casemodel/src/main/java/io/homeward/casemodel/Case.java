package io.homeward.casemodel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A case as read from the store: an immutable snapshot. To change a case, call {@link CaseService} with
 * the {@link #version()} read here; a change based on an older version is refused.
 *
 * @param id never null
 * @param number the center's case number, e.g. {@code CF-2026-000042}; never null
 * @param centerId the center that owns the case, never null
 * @param country ISO 3166-1 alpha-2 code of the country the case is handled in, never null
 * @param type the shared case type, never null
 * @param category the center's own category id, never null
 * @param workflowId the workflow the case runs under, never null
 * @param workflowVersion the version of that workflow the case was opened under (or migrated to)
 * @param status the current workflow state id, never null
 * @param risk the current risk assessment, never null
 * @param openedAt never null
 * @param closedAt null while the case is open
 * @param assignee user id of the case worker, may be null
 * @param fields the center's custom fields by id, values as entered; never null
 * @param persons the persons linked to the case, never null
 * @param sharedWith ids of the other centers the case is shared with (they can read it), never null
 * @param slas the case's SLA timers, never null
 * @param version optimistic-lock version, increases with every change
 */
public record Case(UUID id, String number, String centerId, String country, CaseType type, String category,
        String workflowId, int workflowVersion, String status, RiskAssessment risk, Instant openedAt,
        Instant closedAt, String assignee, Map<String, String> fields, List<Person> persons, List<String> sharedWith,
        List<SlaStatus> slas, long version) {
    public Case {
        fields = Map.copyOf(fields);
        persons = List.copyOf(persons);
        sharedWith = List.copyOf(sharedWith);
        slas = List.copyOf(slas);
    }

    /** @return true once the case reached a terminal state */
    public boolean isClosed() {
        return closedAt != null;
    }
}
