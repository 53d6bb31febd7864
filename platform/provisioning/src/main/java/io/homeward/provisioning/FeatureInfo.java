package io.homeward.provisioning;

import java.util.List;

/**
 * A feature found in the feature repositories ({@code <home>/features/*.xml}).
 *
 * @param name         the feature name, unique across repositories
 * @param version      the version as written in the repository
 * @param description  the description, empty when none
 * @param dependencies names of the features it includes, in declaration order
 * @param installed    whether it is installed now (requested, or included by a requested feature)
 * @param repository   file name of the repository declaring it
 */
public record FeatureInfo(String name, String version, String description, List<String> dependencies,
        boolean installed, String repository) {

    public FeatureInfo {
        dependencies = List.copyOf(dependencies);
    }
}
