package io.homeward.provisioning;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and uninstalls features as transactions. Registered by io.homeward.provisioning.
 *
 * <p>Transactions: every bundle of an install is installed, checked by the {@link BundleCheck}
 * services and resolved before any of them starts; if a check, resolution or start fails, the new
 * bundles are uninstalled and the configurations created are deleted, leaving the deployment as it
 * was. Bundles are only refreshed when uninstalled, and an uninstall is refused when refreshing its
 * bundles would touch bundles that stay, so installing or removing a plugin never restarts the core.
 *
 * <p>Boot: once the framework has started, provisioning installs {@code homeward-core}, then every
 * feature installed before the last shutdown (kept in {@code <homeward.data>/features.state}), then
 * those of the framework property {@code homeward.features}, each in its own transaction, and then the
 * plugins deployed through the {@link PluginService}.
 *
 * <p>Operations are serialized; they block while bundles start and stop, so never call them from a
 * bundle activator or a component's activate/deactivate method.
 */
@ProviderType
public interface FeatureService {

    /** The feature every deployment has: the platform without centers. */
    String CORE_FEATURE = "homeward-core";

    /**
     * @return names of the features installed now, features included by others counted; an
     *         immutable snapshot, never null
     */
    Set<String> installedFeatures();

    /**
     * @return true once boot provisioning has finished and every feature it had to install is
     *         installed; false while booting or when a boot feature failed (see the log)
     */
    boolean isBootComplete();

    /**
     * Reads the feature repositories afresh.
     *
     * @return every feature declared, sorted by name, never null
     * @throws ProvisioningException when a repository cannot be read or breaks the supported subset
     */
    List<FeatureInfo> listFeatures() throws ProvisioningException;

    /**
     * Installs a feature and the features it includes. Installing an installed feature changes nothing.
     * Installed features survive a restart.
     *
     * @param name   the feature name
     * @param dryRun compute and return the changes without applying them
     * @return the changes made (or that would be made), never null
     * @throws ProvisioningException when the feature is unknown, a bundle is missing from
     *                               {@code system/}, a check fails, a bundle does not resolve or
     *                               does not start; nothing has changed then
     */
    ChangeSet install(String name, boolean dryRun) throws ProvisioningException;

    /**
     * Uninstalls a feature: stops and uninstalls the bundles and deletes the configurations that no
     * remaining feature needs.
     *
     * @param name   the feature name
     * @param dryRun compute and return the changes without applying them
     * @return the changes made (or that would be made), never null
     * @throws ProvisioningException when the feature is not installed, is {@value #CORE_FEATURE}, is
     *                               included by another installed feature, or when removing its
     *                               bundles would refresh bundles that stay; nothing has changed then
     */
    ChangeSet uninstall(String name, boolean dryRun) throws ProvisioningException;
}
