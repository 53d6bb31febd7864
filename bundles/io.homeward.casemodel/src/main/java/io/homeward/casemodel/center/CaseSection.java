package io.homeward.casemodel.center;

import java.util.List;

/**
 * A section a center adds to its case page: a heading and the custom fields shown under it, in order. The UI
 * renders it as it renders the platform's own sections; fields not placed in a section stay under the
 * general details.
 *
 * @param id unique within the center, never null
 * @param fields ids of the center's custom fields, never empty
 * @param labels the heading, never null
 */
public record CaseSection(String id, List<String> fields, Labels labels) {
    public CaseSection {
        fields = List.copyOf(fields);
    }
}
