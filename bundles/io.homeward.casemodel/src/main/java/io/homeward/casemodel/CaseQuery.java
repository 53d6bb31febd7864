package io.homeward.casemodel;

import java.time.LocalDate;
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
 * @param riskLevel only cases currently assessed at this risk level, or null
 * @param openedFrom only cases opened on this day or later, or null. Days are UTC days, whatever the center's time
 *     zone: a case opened at 00:30 on 2 March in Athens (22:30 UTC on 1 March) counts as opened on 1 March
 * @param openedTo only cases opened on this day or earlier (UTC, inclusive), or null; not before {@code openedFrom}
 * @param bornFrom only cases with a person (of any role) born on this day or later, or null; a person without a
 *     known date of birth never matches a date range
 * @param bornTo only cases with a person born on this day or earlier (inclusive), or null; not before
 *     {@code bornFrom}. With both bounds, one and the same person must be born within them.
 */
public record CaseQuery(String viewer, String centerId, String country, String status, CaseType type, Boolean overdue,
        String text, int offset, int limit, String assignee, Order order, RiskLevel riskLevel, LocalDate openedFrom,
        LocalDate openedTo, LocalDate bornFrom, LocalDate bornTo) {
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
        if (openedFrom != null && openedTo != null && openedFrom.isAfter(openedTo)) {
            throw new IllegalArgumentException("openedFrom (" + openedFrom + ") must not be after openedTo ("
                    + openedTo + ")");
        }
        if (bornFrom != null && bornTo != null && bornFrom.isAfter(bornTo)) {
            throw new IllegalArgumentException("bornFrom (" + bornFrom + ") must not be after bornTo (" + bornTo
                    + ")");
        }
        order = order == null ? Order.NEWEST_FIRST : order;
    }

    /** The criteria of version 1.0 of this package: any assignee, newest first. */
    public CaseQuery(String viewer, String centerId, String country, String status, CaseType type, Boolean overdue,
            String text, int offset, int limit) {
        this(viewer, centerId, country, status, type, overdue, text, offset, limit, null, Order.NEWEST_FIRST);
    }

    /** The criteria of version 1.1 of this package: any risk level, opening day and date of birth. */
    public CaseQuery(String viewer, String centerId, String country, String status, CaseType type, Boolean overdue,
            String text, int offset, int limit, String assignee, Order order) {
        this(viewer, centerId, country, status, type, overdue, text, offset, limit, assignee, order, null, null, null,
                null, null);
    }

    /** @return a query for every case, first page of 50, newest first */
    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, 0, 50, null, Order.NEWEST_FIRST);
    }

    /** @param viewerCenterId the center whose visibility applies; null for all cases (see the class comment) */
    public CaseQuery withViewer(String viewerCenterId) {
        return new CaseQuery(viewerCenterId, centerId, country, status, type, overdue, text, offset, limit, assignee,
                order, riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param owner only cases owned by this center; null for any */
    public CaseQuery withCenter(String owner) {
        return new CaseQuery(viewer, owner, country, status, type, overdue, text, offset, limit, assignee, order,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param code only cases handled in this country (ISO 3166-1 alpha-2); null for any */
    public CaseQuery withCountry(String code) {
        return new CaseQuery(viewer, centerId, code, status, type, overdue, text, offset, limit, assignee, order,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param state only cases in this workflow state; null for any */
    public CaseQuery withStatus(String state) {
        return new CaseQuery(viewer, centerId, country, state, type, overdue, text, offset, limit, assignee, order,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param caseType only cases of this type; null for any */
    public CaseQuery withType(CaseType caseType) {
        return new CaseQuery(viewer, centerId, country, status, caseType, overdue, text, offset, limit, assignee,
                order, riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param overdueOnly true: only overdue cases; false: only cases that are not; null: both */
    public CaseQuery withOverdue(Boolean overdueOnly) {
        return new CaseQuery(viewer, centerId, country, status, type, overdueOnly, text, offset, limit, assignee,
                order, riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /**
     * @param words a case number or name, as {@link #text()} describes; null (or blank) for any case
     * @throws IllegalArgumentException when longer than {@link #MAX_TEXT} or with control characters
     */
    public CaseQuery withText(String words) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, words, offset, limit, assignee, order,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /**
     * @param from how many matches to skip, at least 0
     * @param size at most this many results, 1 to {@link #MAX_LIMIT}
     * @throws IllegalArgumentException when out of those bounds
     */
    public CaseQuery withPage(int from, int size) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, from, size, assignee, order,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param user only cases assigned to this user; null for any (assigned or not) */
    public CaseQuery withAssignee(String user) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, user, order,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /** @param sorting the order of the results; null for {@link Order#NEWEST_FIRST} */
    public CaseQuery withOrder(Order sorting) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, assignee, sorting,
                riskLevel, openedFrom, openedTo, bornFrom, bornTo);
    }

    /**
     * @param level only cases currently assessed at this risk level; null for any
     * @since 1.3
     */
    public CaseQuery withRiskLevel(RiskLevel level) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, assignee, order,
                level, openedFrom, openedTo, bornFrom, bornTo);
    }

    /**
     * Only cases opened within the days given, both included, counted in UTC (see {@link #openedFrom()}).
     *
     * @param from the first day, or null for no lower bound
     * @param to the last day, or null for no upper bound
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     * @since 1.3
     */
    public CaseQuery withOpened(LocalDate from, LocalDate to) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, assignee, order,
                riskLevel, from, to, bornFrom, bornTo);
    }

    /**
     * Only cases with a person, of any role, born within the days given, both included; persons whose date of birth
     * is not known never match.
     *
     * @param from the earliest date of birth, or null for no lower bound
     * @param to the latest date of birth, or null for no upper bound
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     * @since 1.3
     */
    public CaseQuery withBorn(LocalDate from, LocalDate to) {
        return new CaseQuery(viewer, centerId, country, status, type, overdue, text, offset, limit, assignee, order,
                riskLevel, openedFrom, openedTo, from, to);
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
