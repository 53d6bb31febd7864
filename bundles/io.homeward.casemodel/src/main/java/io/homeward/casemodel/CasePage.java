package io.homeward.casemodel;

import java.util.List;

/**
 * One page of search results.
 *
 * @param cases the matches on this page, never null
 * @param total how many cases match in all
 */
public record CasePage(List<Case> cases, long total) {
    public CasePage {
        cases = List.copyOf(cases);
    }
}
