package io.homeward.provisioning.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homeward.provisioning.PluginChange;
import io.homeward.provisioning.PluginService;
import io.homeward.provisioning.ProvisioningException;

/**
 * Handles the jars FileInstall finds in {@code <home>/deploy} as {@code plugin:deploy} does, through the
 * {@link PluginService}: a jar that is not a bundle, fails a check, does not resolve or does not start is
 * refused with one readable log line and changes nothing; a jar with the symbolic name of a deployed plugin
 * updates it side by side, whether the file is new or replaces another.
 *
 * <p>Registered as a FileInstall {@link ArtifactInstaller}, which FileInstall consults before its own
 * bundle handling. FileInstall calls back from its watcher thread; jars found before boot
 * provisioning has finished wait for it, since they usually need the core API. Deleting a jar
 * undeploys the plugin it deployed. FileInstall scans the folder again at each start: a jar of the version
 * already deployed then changes nothing, while a jar of another version (e.g. one left there after
 * {@code plugin:rollback}) updates the plugin again. Which plugin a file deployed is only known from the
 * scans of this run.
 */
final class DeployFolderInstaller implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderInstaller.class);
    private static final long BOOT_WAIT_MINUTES = 10;

    private final BundleContext context;
    private final Path folder;
    private final PluginService plugins;
    private final CountDownLatch bootDone;
    /** The plugin each file of the folder deployed, by absolute path. */
    private final Map<Path, String> deployed = new ConcurrentHashMap<>();
    private ServiceRegistration<ArtifactInstaller> registration;

    DeployFolderInstaller(BundleContext context, Path folder, PluginService plugins, CountDownLatch bootDone) {
        this.context = context;
        this.folder = folder.toAbsolutePath().normalize();
        this.plugins = plugins;
        this.bootDone = bootDone;
    }

    void register() {
        registration = context.registerService(ArtifactInstaller.class, this, null);
    }

    void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    @Override
    public boolean canHandle(File artifact) {
        Path path = artifact.toPath().toAbsolutePath().normalize();
        // every jar in deploy/, broken ones included, so that they are refused with a reason
        return folder.equals(path.getParent()) && artifact.getName().endsWith(".jar");
    }

    @Override
    public void install(File artifact) {
        if (!awaitBoot()) {
            return;
        }
        Path path = artifact.toPath().toAbsolutePath().normalize();
        String name = folder.getFileName() + "/" + artifact.getName();
        try {
            PluginChange change = plugins.deploy(path, false);
            String before = deployed.put(path, change.symbolicName());
            if (before != null && !before.equals(change.symbolicName())) {
                // the file now holds another plugin: the one it deployed before goes, as if its file were deleted
                plugins.undeploy(before);
            }
            LOG.info("Deployed {}: {}", name, change.summary());
        } catch (ProvisioningException e) {
            LOG.error("Refused {}: {}", name, e.getMessage());
        }
    }

    @Override
    public void update(File artifact) {
        // side by side, like plugin:deploy: no moment without the plugin
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        String plugin = deployed.remove(artifact.toPath().toAbsolutePath().normalize());
        if (plugin == null) {
            return; // refused when it was dropped: nothing to undo
        }
        try {
            LOG.info("Undeployed {}: {}", artifact.getName(), plugins.undeploy(plugin).summary());
        } catch (ProvisioningException e) {
            LOG.warn("{} removed from {}: {}", artifact.getName(), folder.getFileName(), e.getMessage());
        }
    }

    private boolean awaitBoot() {
        try {
            if (bootDone.await(BOOT_WAIT_MINUTES, TimeUnit.MINUTES)) {
                return true;
            }
            LOG.error("Deploy folder ignored: boot provisioning did not finish within {} minutes", BOOT_WAIT_MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
