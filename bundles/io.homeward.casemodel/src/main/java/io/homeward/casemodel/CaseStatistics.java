package io.homeward.casemodel;

import java.util.Map;

/**
 * Counts over the cases a query matches (its paging is ignored).
 *
 * @param total every matching case
 * @param open matching cases not closed
 * @param overdue matching open cases with an overdue SLA
 * @param byCountry counts per country code, never null
 * @param byType counts per case type, never null
 * @param byStatus counts per workflow state, never null
 */
public record CaseStatistics(long total, long open, long overdue, Map<String, Long> byCountry,
        Map<CaseType, Long> byType, Map<String, Long> byStatus) {
    public CaseStatistics {
        byCountry = Map.copyOf(byCountry);
        byType = Map.copyOf(byType);
        byStatus = Map.copyOf(byStatus);
    }
}
