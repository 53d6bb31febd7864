package io.homeward.casemodel.center;

import java.util.List;
import java.util.Map;

/**
 * Texts by language code (ISO 639-1), as declared by a plugin.
 *
 * @param byLanguage never null
 */
public record Labels(Map<String, String> byLanguage) {
    public Labels {
        byLanguage = Map.copyOf(byLanguage);
    }

    /**
     * @param preferred languages in order of preference
     * @param fallback returned when no language matches
     * @return the first label found in the preferred languages, else any label, else the fallback
     */
    public String in(List<String> preferred, String fallback) {
        for (String language : preferred) {
            String label = byLanguage.get(language);
            if (label != null) {
                return label;
            }
        }
        return byLanguage.values().stream().findFirst().orElse(fallback);
    }
}
