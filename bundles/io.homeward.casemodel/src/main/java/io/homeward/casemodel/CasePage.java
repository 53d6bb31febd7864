package io.homeward.casemodel;

import java.util.List;

/**
 * One page of search results.
 *
 * @param cases the matches on this page, never null
 * @param total how many cases match in all; when {@code totalCapped}, at least that many (counting stops there)
 * @param totalCapped true when more cases match than were counted ({@link #COUNT_CAP})
 * @param matches for a search with text, how each case on this page matched it, in the order of {@code cases};
 *     empty otherwise; never null
 */
public record CasePage(List<Case> cases, long total, boolean totalCapped, List<SearchMatch> matches) {

    /** Searches count their matches up to this many and no further: beyond it, a number helps no one. */
    public static final int COUNT_CAP = 10_000;

    public CasePage {
        cases = List.copyOf(cases);
        matches = List.copyOf(matches);
    }

    /** A page of a search without text, its total exact. */
    public CasePage(List<Case> cases, long total) {
        this(cases, total, false, List.of());
    }
}
