package io.homeward.itests;

import java.util.List;
import java.util.Map;

/** Intakes of Child Focus {@code runaway} cases, the smallest valid intake of a shipped center. */
public final class RunawayCases {

    public static final String CENTER = "child-focus";

    private RunawayCases() {
    }

    /** @return an intake of a runaway case whose child has the given family name */
    public static Map<String, Object> intake(String familyName) {
        return Map.of("centerId", CENTER, "category", "runaway", "riskLevel", "MEDIUM",
                "riskReason", "left the reception centre after a dispute",
                "fields", Map.of("last-seen-place", "Gent"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", familyName, "givenName", "Test",
                        "sex", "FEMALE", "dateOfBirth", "2011-03-02")));
    }
}
