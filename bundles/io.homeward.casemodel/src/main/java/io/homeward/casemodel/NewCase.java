package io.homeward.casemodel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An intake: what is needed to open a case.
 *
 * @param centerId the center that will own the case, never null
 * @param category one of the center's declared category ids, never null
 * @param country ISO 3166-1 alpha-2 code; null means the center's own country
 * @param riskLevel never null
 * @param riskReason why that risk level, never blank
 * @param fields the center's custom fields by id, never null
 * @param persons at least the child, never null
 */
public record NewCase(String centerId, String category, String country, RiskLevel riskLevel, String riskReason,
        Map<String, String> fields, List<PersonDetails> persons) {
    public NewCase {
        Objects.requireNonNull(centerId, "centerId");
        Objects.requireNonNull(category, "category");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        persons = persons == null ? List.of() : List.copyOf(persons);
    }
}
