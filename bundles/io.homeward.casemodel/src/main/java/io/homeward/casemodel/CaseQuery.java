package io.homeward.casemodel;

/**
 * Search criteria; null criteria match everything. Results are ordered newest first. Start from
 * {@link #all()} and narrow with the {@code with…} methods.
 *
 * <p>The {@code viewer} is the center on whose behalf the search runs, and it decides what is visible at all:
 * the cases the center owns, the cases shared with it and, for a regional hub, every case in its member
 * countries. A null viewer sees every case (platform administration and internal jobs only).
 *
 * @param viewer center id whose visibility applies, or null for all cases
 * @param centerId only cases owned by this center, or null
 * @param country only cases handled in this country (ISO 3166-1 alpha-2), or null
 * @param status only cases in this workflow state, or null
 * @param type only cases of this type, or null
 * @param overdue true: only cases with an overdue SLA; false: only cases without; null: both
 * @param text matches case numbers and person names (case-insensitive, substring), or null
 * @param offset how many matches to skip, at least 0
 * @param limit at most this many results, 1 to {@link #MAX_LIMIT}
 */
public record CaseQuery(String viewer, String centerId, String country, String status, CaseType type, Boolean overdue,
        String text, int offset, int limit) {
    /** Largest page a search returns. */
    public static final int MAX_LIMIT = 500;

    public CaseQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** @return a query for every case, first page of 50 */
    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, 0, 50);
    }

    public CaseQuery withViewer(String viewerCenterId) {
        return new CaseQuery(viewerCenterId, centerId, country, status, type, overdue, text, offset, limit);
    }

    public CaseQuery withCenter(String owner) {
        return new CaseQuery(viewer, owner, country, status, type, overdue, text, offset, limit);
    }

    public CaseQuery withCountry(String code) {
        return new CaseQuery(viewer, centerId, code, status, type, overdue, text, offset, limit);
    }

    public CaseQuery withStatus(String state) {
        return new CaseQuery(viewer, centerId, country, state, type, overdue, text, offset, limit);
    }

    public CaseQuery withType(CaseType caseType) {
        return new CaseQuery(viewer, centerId, country, status, caseType, overdue, text, offset, limit);
    }

    public CaseQuery withOverdue(Boolean overdueOnly) {
        return new CaseQuery(viewer, centerId, country, status, type, overdueOnly, text, offset, limit);
    }

    public CaseQuery withText(String words) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, words, offset, limit);
    }

    public CaseQuery withPage(int from, int size) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, from, size);
    }
}
