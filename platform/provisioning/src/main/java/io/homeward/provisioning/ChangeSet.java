package io.homeward.provisioning;

import java.util.ArrayList;
import java.util.List;

/**
 * What a feature operation changes (or, for a dry run, would change). Bundles are named by their
 * location ({@code mvn:group/artifact/version}), configurations by PID.
 *
 * @param featuresInstalled   features that become installed, dependencies first
 * @param featuresUninstalled features that stop being installed
 * @param bundlesInstalled    bundle locations installed
 * @param bundlesStarted      bundle locations started, in start order
 * @param bundlesUninstalled  bundle locations stopped and uninstalled
 * @param configsCreated      configuration PIDs created
 * @param configsDeleted      configuration PIDs deleted
 */
public record ChangeSet(List<String> featuresInstalled, List<String> featuresUninstalled,
        List<String> bundlesInstalled, List<String> bundlesStarted, List<String> bundlesUninstalled,
        List<String> configsCreated, List<String> configsDeleted) {

    public ChangeSet {
        featuresInstalled = List.copyOf(featuresInstalled);
        featuresUninstalled = List.copyOf(featuresUninstalled);
        bundlesInstalled = List.copyOf(bundlesInstalled);
        bundlesStarted = List.copyOf(bundlesStarted);
        bundlesUninstalled = List.copyOf(bundlesUninstalled);
        configsCreated = List.copyOf(configsCreated);
        configsDeleted = List.copyOf(configsDeleted);
    }

    /** @return true when the operation changes nothing (e.g. the feature was already installed) */
    public boolean isEmpty() {
        return featuresInstalled.isEmpty() && featuresUninstalled.isEmpty() && bundlesInstalled.isEmpty()
                && bundlesStarted.isEmpty() && bundlesUninstalled.isEmpty() && configsCreated.isEmpty()
                && configsDeleted.isEmpty();
    }

    /** @return one line per change, e.g. {@code install bundle mvn:io.homeward/x/1.0}; empty when nothing changes */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        featuresInstalled.forEach(f -> lines.add("install feature " + f));
        featuresUninstalled.forEach(f -> lines.add("uninstall feature " + f));
        bundlesInstalled.forEach(b -> lines.add("install bundle " + b));
        bundlesStarted.forEach(b -> lines.add("start bundle " + b));
        bundlesUninstalled.forEach(b -> lines.add("stop and uninstall bundle " + b));
        configsCreated.forEach(c -> lines.add("create configuration " + c));
        configsDeleted.forEach(c -> lines.add("delete configuration " + c));
        return lines;
    }
}
