package io.homeward.provisioning.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.Requirements;

/**
 * Handles the jars FileInstall finds in {@code <home>/deploy} with the same transaction as a
 * feature: a jar that is not a bundle, fails a {@link io.homeward.provisioning.BundleCheck}, does not
 * resolve or does not start is refused with one readable log line and leaves nothing installed.
 *
 * <p>Registered as a FileInstall {@link ArtifactInstaller}, which FileInstall consults before its own
 * bundle handling. FileInstall calls back from its watcher thread; jars found before boot
 * provisioning has finished wait for it, since they usually need the core API. Deleting a jar
 * uninstalls its bundle; replacing it uninstalls the old bundle and installs the new one. Like
 * FileInstall's own artifacts, what was deployed is not recorded across restarts: the folder is
 * scanned again at each start.
 */
final class DeployFolderInstaller implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderInstaller.class);
    private static final long BOOT_WAIT_MINUTES = 10;

    private final BundleContext context;
    private final Path folder;
    private final BundleDeployer deployer;
    private final Object lock;
    private final CountDownLatch bootDone;
    private ServiceRegistration<ArtifactInstaller> registration;

    DeployFolderInstaller(BundleContext context, Path folder, BundleDeployer deployer, Object lock, CountDownLatch bootDone) {
        this.context = context;
        this.folder = folder.toAbsolutePath().normalize();
        this.deployer = deployer;
        this.lock = lock;
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
        synchronized (lock) {
            String name = folder.getFileName() + "/" + artifact.getName();
            try {
                String location = location(artifact);
                readManifest(artifact);
                List<Bundle> bundles = deployer.deploy(List.of(new BundleDeployer.Install(location, artifact.toPath(),
                        FeatureDefinition.DEFAULT_START_LEVEL, true)), BundleDeployer.NOTHING_BEFORE_START);
                LOG.info("Deployed {} as {}", name, Requirements.name(bundles.get(0)));
            } catch (ProvisioningException e) {
                LOG.error("Refused {}: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void update(File artifact) {
        uninstall(artifact);
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        synchronized (lock) {
            Bundle bundle = context.getBundle(location(artifact));
            if (bundle != null) {
                deployer.remove(List.of(bundle));
                LOG.info("Undeployed {} ({})", artifact.getName(), Requirements.name(bundle));
            }
        }
    }

    private static String location(File artifact) {
        return artifact.toPath().toAbsolutePath().normalize().toUri().toString();
    }

    /** Refuses what is not a readable jar with OSGi headers before the framework sees it. */
    private static void readManifest(File artifact) throws ProvisioningException {
        try (JarFile jar = new JarFile(artifact)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
                throw new ProvisioningException("not an OSGi bundle (no Bundle-SymbolicName in META-INF/MANIFEST.MF)");
            }
        } catch (IOException e) {
            throw new ProvisioningException("not a readable jar file (" + e.getMessage() + ")", e);
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
