package io.homeward.provisioning;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Deploys, updates, rolls back and undeploys plugins in the running platform, without a restart and without
 * refreshing any bundle but the plugin's own. Registered by io.homeward.provisioning; the {@code plugin:*}
 * commands and the {@code deploy/} folder both go through it.
 *
 * <p>A plugin is a bundle that nothing else depends on (a center plugin exports nothing), known by its
 * symbolic name. One version of it runs at a time. An update is side by side: the new version is installed
 * beside the running one, checked by the {@link BundleCheck} services and by every {@link PluginHandler},
 * resolved and started; only then are the {@link PluginHandler}s told and the old version stopped,
 * uninstalled and refreshed on its own. If any step before that fails, the new version is uninstalled and the
 * old one has kept running throughout.
 *
 * <p>What survives a restart: the deployed jars are kept under {@code <homeward.data>/plugins/<symbolic
 * name>/<version>.jar} with the order in which they were deployed, and the deployed version of every plugin
 * is installed again at boot, after the boot features. The {@value #KEPT_VERSIONS} versions deployed before
 * the running one are kept for {@link #rollback}.
 *
 * <p>Operations are serialized with feature operations; they block while bundles start and stop, so never
 * call them from a bundle activator or a component's activate/deactivate method.
 */
@ProviderType
public interface PluginService {

    /** How many previously deployed versions of a plugin are kept for rollback. */
    int KEPT_VERSIONS = 3;

    /**
     * Deploys a plugin jar: a first deployment, or an update of the running plugin with the same symbolic name
     * to another version (newer or older).
     *
     * @param jar   the bundle jar, never null; copied, so it may be removed afterwards
     * @param force apply an update even when a {@link PluginHandler} objects to the replacement (e.g. it
     *              would leave cases on a workflow version nothing declares)
     * @return what changed, never null
     * @throws ProvisioningException when the jar is not a bundle, this very version is already installed, the
     *                               bundle is one others depend on, or it fails a check, does not resolve or
     *                               does not start; nothing has changed then
     */
    PluginChange deploy(Path jar, boolean force) throws ProvisioningException;

    /**
     * Goes back to the version deployed before the running one, by the same side-by-side update; the version
     * rolled back from is forgotten.
     *
     * @param symbolicName the plugin, never null
     * @param force        as for {@link #deploy}
     * @return what changed, never null
     * @throws ProvisioningException when the plugin is not deployed, no earlier version is kept, or the update
     *                               fails; nothing has changed then
     */
    PluginChange rollback(String symbolicName, boolean force) throws ProvisioningException;

    /**
     * Stops, uninstalls and refreshes the running plugin and forgets its kept versions. What the plugin
     * contributed goes away with it; data it gave rise to (cases) stays.
     *
     * @param symbolicName the plugin, never null
     * @return what changed, never null
     * @throws ProvisioningException when the plugin was not deployed by this service (features' bundles are
     *                               removed with {@code feature:uninstall})
     */
    PluginChange undeploy(String symbolicName) throws ProvisioningException;

    /** @return the deployed plugins, sorted by symbolic name; never null */
    List<PluginInfo> plugins();
}
