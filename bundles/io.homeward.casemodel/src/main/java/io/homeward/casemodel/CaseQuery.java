package io.homeward.casemodel;

import java.util.Objects;

/**
 * Search criteria; null criteria match everything. Results come in the query's {@link #order()}, newest first
 * unless told otherwise. Start from {@link #all()} and narrow with the {@code with…} methods.
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
 * @param text a case number or its beginning, or a person's name: words in any order and any script, each matching
 *     a word of one person's family or given names by the same spelling, its beginning, or a similar spelling or
 *     sound (see {@link MatchReason}); at most {@link #MAX_TEXT} characters without control characters; {@code %}
 *     and {@code _} are no wildcards; or null
 * @param offset how many matches to skip, at least 0
 * @param limit at most this many results, 1 to {@link #MAX_LIMIT}
 * @param assignee only cases assigned to this user, or null
 * @param order the order of the results, never null (the compact constructor turns null into
 *     {@link Order#NEWEST_FIRST})
 */
public record CaseQuery(String viewer, String centerId, String country, String status, CaseType type, Boolean overdue,
        String text, int offset, int limit, String assignee, Order order) {
    /** Largest page a search returns. */
    public static final int MAX_LIMIT = 500;
    /** Longest search text: longer than any name or case number. */
    public static final int MAX_TEXT = 200;

    public CaseQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("the search text must be at most " + MAX_TEXT + " characters, was "
                    + text.length());
        }
        if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the search text must not contain control characters");
        }
        order = order == null ? Order.NEWEST_FIRST : order;
    }

    /** The criteria of version 1.0 of this package: any assignee, newest first. */
    public CaseQuery(String viewer, String centerId, String country, String status, CaseType type, Boolean overdue,
            String text, int offset, int limit) {
        this(viewer, centerId, country, status, type, overdue, text, offset, limit, null, Order.NEWEST_FIRST);
    }

    /** @return a query for every case, first page of 50, newest first */
    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, 0, 50, null, Order.NEWEST_FIRST);
    }

    public CaseQuery withViewer(String viewerCenterId) {
        return new CaseQuery(viewerCenterId, centerId, country, status, type, overdue, text, offset, limit, assignee,
                order);
    }

    public CaseQuery withCenter(String owner) {
        return new CaseQuery(viewer, owner, country, status, type, overdue, text, offset, limit, assignee, order);
    }

    public CaseQuery withCountry(String code) {
        return new CaseQuery(viewer, centerId, code, status, type, overdue, text, offset, limit, assignee, order);
    }

    public CaseQuery withStatus(String state) {
        return new CaseQuery(viewer, centerId, country, state, type, overdue, text, offset, limit, assignee, order);
    }

    public CaseQuery withType(CaseType caseType) {
        return new CaseQuery(viewer, centerId, country, status, caseType, overdue, text, offset, limit, assignee,
                order);
    }

    public CaseQuery withOverdue(Boolean overdueOnly) {
        return new CaseQuery(viewer, centerId, country, status, type, overdueOnly, text, offset, limit, assignee,
                order);
    }

    public CaseQuery withText(String words) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, words, offset, limit, assignee, order);
    }

    public CaseQuery withPage(int from, int size) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, from, size, assignee, order);
    }

    /** @param user only cases assigned to this user; null for any (assigned or not) */
    public CaseQuery withAssignee(String user) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, user, order);
    }

    /** @param sorting the order of the results; null for {@link Order#NEWEST_FIRST} */
    public CaseQuery withOrder(Order sorting) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, assignee, sorting);
    }

    /** What search results can be sorted by. */
    public enum SortKey {
        /** When the case was opened. */
        OPENED_AT,
        /** The case number, as text. */
        NUMBER,
        /** The workflow state id, as text. */
        STATUS,
        /** The risk level by urgency: {@link RiskLevel#LOW} first, {@link RiskLevel#CRITICAL} last. */
        RISK
    }

    /**
     * The order of search results. Ties are broken newest first, then by case number, so that paging through
     * results neither repeats nor skips a case.
     *
     * @param key never null
     * @param descending true for the largest (latest, most urgent) first
     */
    public record Order(SortKey key, boolean descending) {
        /** The default: latest opened first. */
        public static final Order NEWEST_FIRST = new Order(SortKey.OPENED_AT, true);

        public Order {
            Objects.requireNonNull(key, "key");
        }
    }
}
