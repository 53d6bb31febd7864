package io.homeward.provisioning.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.internal.FeatureDefinition.Dependency;

/**
 * The features declared by the repository files {@code *.xml} of one folder ({@code <home>/features}).
 * Read afresh on every operation, so a repository dropped in is seen without restart.
 */
final class FeatureRepositories {

    private final Map<String, FeatureDefinition> features;

    private FeatureRepositories(Map<String, FeatureDefinition> features) {
        this.features = features;
    }

    static FeatureRepositories load(Path folder, FeaturesXmlParser parser) throws ProvisioningException {
        Map<String, FeatureDefinition> features = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.xml")) {
                stream.forEach(files::add);
            } catch (IOException e) {
                throw new ProvisioningException("cannot list feature repositories in " + folder + ": " + e.getMessage(), e);
            }
        }
        files.sort(null);
        for (Path file : files) {
            for (FeatureDefinition feature : parser.parse(file)) {
                FeatureDefinition previous = features.putIfAbsent(feature.name(), feature);
                if (previous != null) {
                    throw new ProvisioningException("feature " + feature.name() + " is declared twice: in "
                            + previous.repository() + " and in " + feature.repository());
                }
            }
        }
        return new FeatureRepositories(features);
    }

    /** Every feature, sorted by name. */
    Collection<FeatureDefinition> all() {
        return features.values();
    }

    FeatureDefinition get(String name) throws ProvisioningException {
        FeatureDefinition feature = features.get(name);
        if (feature == null) {
            throw new ProvisioningException("no feature named '" + name + "'"
                    + (features.isEmpty() ? " (no feature repository found)" : "; known features: " + String.join(", ", features.keySet())));
        }
        return feature;
    }

    /**
     * The features to install for the given ones: each requested feature with everything it
     * includes, included features before those including them, each once.
     */
    List<FeatureDefinition> closure(Collection<String> names) throws ProvisioningException {
        Map<String, FeatureDefinition> ordered = new LinkedHashMap<>();
        for (String name : names) {
            visit(get(name), ordered, new ArrayList<>());
        }
        return List.copyOf(ordered.values());
    }

    private void visit(FeatureDefinition feature, Map<String, FeatureDefinition> ordered, List<String> path)
            throws ProvisioningException {
        if (ordered.containsKey(feature.name())) {
            return;
        }
        if (path.contains(feature.name())) {
            throw new ProvisioningException("features include each other in a cycle: " + String.join(" -> ", path)
                    + " -> " + feature.name());
        }
        path.add(feature.name());
        for (Dependency dependency : feature.dependencies()) {
            FeatureDefinition included = features.get(dependency.name());
            if (included == null) {
                throw new ProvisioningException("feature " + feature.name() + " (" + feature.repository()
                        + ") includes unknown feature '" + dependency.name() + "'");
            }
            if (dependency.version() != null && !dependency.version().equals(included.version())) {
                throw new ProvisioningException("feature " + feature.name() + " includes " + dependency.name() + " "
                        + dependency.version() + " but version " + included.version() + " is declared");
            }
            visit(included, ordered, path);
        }
        path.remove(path.size() - 1);
        ordered.put(feature.name(), feature);
    }
}
