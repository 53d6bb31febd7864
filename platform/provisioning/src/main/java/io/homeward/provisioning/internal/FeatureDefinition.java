package io.homeward.provisioning.internal;

import java.util.List;
import java.util.Map;

/**
 * A feature as declared in a repository file.
 *
 * @param name         unique name
 * @param version      version as written, {@code 0.0.0} when absent
 * @param description  description, empty when absent
 * @param dependencies included features
 * @param bundles      bundles in declaration order
 * @param configs      configurations in declaration order
 * @param repository   file name of the declaring repository
 */
record FeatureDefinition(String name, String version, String description, List<Dependency> dependencies,
        List<BundleEntry> bundles, List<ConfigEntry> configs, String repository) {

    /** Start level of bundles that do not declare one, as in Karaf. */
    static final int DEFAULT_START_LEVEL = 80;

    /**
     * @param name    name of the included feature
     * @param version exact version required, null for any
     */
    record Dependency(String name, String version) {
    }

    /**
     * @param location   {@code mvn:} location
     * @param startLevel bundle start level
     * @param start      whether to start it (false for libraries that only need resolving)
     */
    record BundleEntry(String location, int startLevel, boolean start) {
    }

    /**
     * @param pid        configuration PID
     * @param properties string values
     */
    record ConfigEntry(String pid, Map<String, String> properties) {
    }
}
