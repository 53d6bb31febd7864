package io.homeward.casemodel;

/**
 * Search criteria; null criteria match everything. Results are ordered newest first.
 *
 * @param centerId only cases of this center, or null
 * @param status only cases in this workflow state, or null
 * @param type only cases of this type, or null
 * @param text matches case numbers and person names (case-insensitive, substring), or null
 * @param offset how many matches to skip, at least 0
 * @param limit at most this many results, 1 to {@link #MAX_LIMIT}
 */
public record CaseQuery(String centerId, String status, CaseType type, String text, int offset, int limit) {
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
        return new CaseQuery(null, null, null, null, 0, 50);
    }
}
