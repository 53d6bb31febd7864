package io.homeward.provisioning.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homeward.provisioning.BundleStates;
import io.homeward.provisioning.PluginChange;
import io.homeward.provisioning.PluginHandler;
import io.homeward.provisioning.PluginInfo;
import io.homeward.provisioning.PluginService;
import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.Requirements;

/**
 * {@link PluginService} on the provisioning transaction ({@link BundleDeployer}). Plugins live in
 * {@code <homeward.data>/plugins/<symbolic name>/}: one {@code <version>.jar} per kept version, installed from
 * there (the file's URI is the bundle location, so two versions have two locations and can be installed side
 * by side), and a {@value #HISTORY} file listing the versions in deployment order, the running one last.
 *
 * <p>Not a DS component of its own: it shares the lock and the deployer of {@link FeatureServiceImpl}, which
 * creates and registers it, so that feature and plugin operations never interleave.
 */
final class PluginServiceImpl implements PluginService {

    private static final Logger LOG = LoggerFactory.getLogger(PluginServiceImpl.class);
    static final String HISTORY = "deployed";
    /** A symbolic name becomes a folder name: nothing that could leave the plugins folder. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final BundleContext context;
    private final Path store;
    private final BundleDeployer deployer;
    private final Supplier<List<PluginHandler>> handlers;
    private final Object lock;
    private ServiceRegistration<PluginService> registration;

    /** A plugin jar's identity, from its manifest. */
    private record Identity(String symbolicName, Version version) {
    }

    PluginServiceImpl(BundleContext context, Path store, BundleDeployer deployer, Supplier<List<PluginHandler>> handlers,
            Object lock) {
        this.context = context;
        this.store = store.toAbsolutePath().normalize();
        this.deployer = deployer;
        this.handlers = handlers;
        this.lock = lock;
    }

    void register() {
        registration = context.registerService(PluginService.class, this, null);
    }

    void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    @Override
    public PluginChange deploy(Path jar, boolean force) throws ProvisioningException {
        return serialized("Plugin " + jar.getFileName() + " not deployed", () -> doDeploy(jar, force));
    }

    @Override
    public PluginChange rollback(String symbolicName, boolean force) throws ProvisioningException {
        return serialized("Plugin " + symbolicName + " not rolled back", () -> doRollback(symbolicName, force));
    }

    @Override
    public PluginChange undeploy(String symbolicName) throws ProvisioningException {
        return serialized("Plugin " + symbolicName + " not undeployed", () -> doUndeploy(symbolicName));
    }

    @Override
    public List<PluginInfo> plugins() {
        synchronized (lock) {
            List<PluginInfo> plugins = new ArrayList<>();
            for (String name : deployedNames()) {
                List<String> versions = history(name);
                String version = versions.get(versions.size() - 1);
                Bundle bundle = context.getBundle(location(name, version));
                List<String> previous = new ArrayList<>(versions.subList(0, versions.size() - 1));
                Collections.reverse(previous);
                plugins.add(new PluginInfo(name, version, bundle == null ? "NOT INSTALLED" : BundleStates.of(bundle),
                        previous, bundle == null ? List.of() : contributions(bundle)));
            }
            return plugins;
        }
    }

    /**
     * Installs the deployed version of every plugin that is not installed, as after a start with a clean
     * framework cache. Called once at boot, after the boot features: a plugin may replace a feature's bundle of
     * the same name, as it did when it was deployed. Failures are logged and leave the plugin out.
     */
    void restore() {
        synchronized (lock) {
            for (String name : deployedNames()) {
                List<String> versions = history(name);
                String version = versions.get(versions.size() - 1);
                if (context.getBundle(location(name, version)) != null) {
                    continue;
                }
                try {
                    // forced: what the operator deployed before the restart comes back as it was
                    logged(swap(name, version, running(name), true));
                } catch (ProvisioningException e) {
                    LOG.error("Plugin {} {} not restored: {}", name, version, e.getMessage());
                }
            }
        }
    }

    /** One operation, under the provisioning lock; logs what it changed, or why it was refused. */
    private PluginChange serialized(String refused, Operation operation) throws ProvisioningException {
        synchronized (lock) {
            try {
                return logged(operation.run());
            } catch (ProvisioningException e) {
                LOG.warn("{}: {}", refused, e.getMessage());
                throw e;
            }
        }
    }

    private interface Operation {
        PluginChange run() throws ProvisioningException;
    }

    private PluginChange doUndeploy(String name) throws ProvisioningException {
        List<String> versions = history(name);
        if (versions.isEmpty()) {
            throw notDeployed(name);
        }
        String version = versions.get(versions.size() - 1);
        Bundle bundle = context.getBundle(location(name, version));
        List<String> notes = new ArrayList<>();
        if (bundle != null) {
            refuseDependents(bundle);
            contributions(bundle).forEach(c -> notes.add("withdrawn: " + c));
            deployer.remove(List.of(bundle));
        }
        deleteTree(folder(name));
        return new PluginChange(name, version, null, notes);
    }

    private PluginChange doDeploy(Path jar, boolean force) throws ProvisioningException {
        Identity identity = identity(jar);
        String name = identity.symbolicName();
        String version = identity.version().toString();
        Bundle running = running(name);
        if (running != null && running.getVersion().equals(identity.version())) {
            if (running.getLocation().equals(location(name, version))) {
                // deploying the running version again changes nothing, e.g. deploy/ scanned again at a start
                return new PluginChange(name, version, version, List.of("already deployed"));
            }
            throw new ProvisioningException(Requirements.name(running) + " is already installed (from "
                    + running.getLocation() + "); deploy another version");
        }
        Path kept = jar(name, version);
        boolean wasKept = Files.exists(kept);
        copy(jar, kept);
        PluginChange change;
        try {
            change = swap(name, version, running, force);
        } catch (ProvisioningException e) {
            if (!wasKept) {
                deleteQuietly(kept);
            }
            throw e;
        }
        List<String> versions = new ArrayList<>(history(name));
        versions.remove(version);
        versions.add(version);
        writeHistory(name, versions);
        return change;
    }

    private PluginChange doRollback(String name, boolean force) throws ProvisioningException {
        List<String> versions = new ArrayList<>(history(name));
        if (versions.isEmpty()) {
            throw notDeployed(name);
        }
        if (versions.size() < 2) {
            throw new ProvisioningException("no version of " + name + " deployed before " + versions.get(0) + " is kept");
        }
        String current = versions.remove(versions.size() - 1);
        String target = versions.get(versions.size() - 1);
        PluginChange change = swap(name, target, running(name), force);
        writeHistory(name, versions);
        // rolled back from: forgotten, as the contract says; deploying the file again brings it back
        deleteQuietly(jar(name, current));
        return change;
    }

    /**
     * The side-by-side update: installs the kept jar of {@code version} beside {@code running} (null for a
     * first deployment), checks, resolves and starts it, tells the handlers, then removes {@code running}.
     */
    private PluginChange swap(String name, String version, Bundle running, boolean force) throws ProvisioningException {
        if (running != null) {
            refuseDependents(running);
        }
        List<String> overridden = new ArrayList<>();
        List<Bundle> installed = deployer.deploy(List.of(new BundleDeployer.Install(location(name, version),
                jar(name, version), FeatureDefinition.DEFAULT_START_LEVEL, true)), replacement -> {
                    List<String> problems = running == null ? List.of() : replacementProblems(running, replacement);
                    if (force) {
                        overridden.addAll(problems);
                        return List.of();
                    }
                    return problems.isEmpty() ? problems
                            : Stream.concat(problems.stream(), Stream.of("use --force to update all the same")).toList();
                }, BundleDeployer.NOTHING_BEFORE_START);
        Bundle current = installed.get(0);
        List<String> notes = new ArrayList<>();
        overridden.forEach(p -> notes.add("forced despite: " + p));
        if (running != null) {
            for (PluginHandler handler : handlers.get()) {
                try {
                    notes.addAll(handler.replaced(running, current));
                } catch (RuntimeException e) {
                    notes.add(handler.getClass().getName() + " failed after the update: " + BundleDeployer.reason(e));
                }
            }
            // refreshes the old version alone: it exports nothing anyone uses (refuseDependents)
            deployer.remove(List.of(running));
        }
        return new PluginChange(name, running == null ? null : running.getVersion().toString(), version, notes);
    }

    private List<String> replacementProblems(Bundle running, Bundle replacement) {
        List<String> problems = new ArrayList<>();
        for (PluginHandler handler : handlers.get()) {
            try {
                handler.checkReplacement(running, replacement).forEach(p -> problems.add(Requirements.name(replacement) + ": " + p));
            } catch (RuntimeException e) {
                problems.add(Requirements.name(replacement) + ": " + handler.getClass().getName() + " failed: " + BundleDeployer.reason(e));
            }
        }
        return problems;
    }

    private List<String> contributions(Bundle bundle) {
        List<String> all = new ArrayList<>();
        for (PluginHandler handler : handlers.get()) {
            try {
                all.addAll(handler.contributions(bundle));
            } catch (RuntimeException e) {
                all.add("(" + handler.getClass().getName() + " failed: " + BundleDeployer.reason(e) + ")");
            }
        }
        return all;
    }

    /** Refreshing a bundle others are wired to would restart them: that is a feature's job, not a plugin's. */
    private void refuseDependents(Bundle bundle) throws ProvisioningException {
        Set<Bundle> dependents = deployer.dependents(List.of(bundle));
        if (!dependents.isEmpty()) {
            throw new ProvisioningException(Requirements.name(bundle) + " is used by "
                    + dependents.stream().map(Requirements::name).collect(Collectors.joining(", "))
                    + "; only bundles nothing depends on can be deployed as plugins (install it with a feature)");
        }
    }

    /** The installed bundle with this symbolic name, preferring the one this service deployed; or null. */
    private Bundle running(String name) {
        List<String> versions = history(name);
        if (!versions.isEmpty()) {
            Bundle ours = context.getBundle(location(name, versions.get(versions.size() - 1)));
            if (ours != null) {
                return ours;
            }
        }
        return Stream.of(context.getBundles()).filter(b -> name.equals(b.getSymbolicName()))
                .max(Comparator.comparingLong(Bundle::getBundleId)).orElse(null);
    }

    /** Reads the symbolic name and version, refusing what is not a readable jar with OSGi headers. */
    private static Identity identity(Path jar) throws ProvisioningException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new ProvisioningException("not a readable jar file (" + e.getMessage() + ")", e);
        }
        String symbolicName = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (symbolicName == null) {
            throw new ProvisioningException("not an OSGi bundle (no Bundle-SymbolicName in META-INF/MANIFEST.MF)");
        }
        String name = symbolicName.split(";", 2)[0].trim();
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new ProvisioningException("Bundle-SymbolicName '" + name + "' is not a plain name (letters, digits, . _ -)");
        }
        try {
            return new Identity(name, Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION)));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException("Bundle-Version of " + name + " is not an OSGi version: " + e.getMessage(), e);
        }
    }

    private static ProvisioningException notDeployed(String name) {
        return new ProvisioningException(name + " is not a deployed plugin (see plugin:list; bundles of features are removed"
                + " with feature:uninstall)");
    }

    private List<String> deployedNames() {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(store)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(HISTORY))).map(f -> f.getFileName().toString())
                    .filter(n -> !history(n).isEmpty()).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list the deployed plugins in {}: {}", store, e.getMessage());
            return List.of();
        }
    }

    private List<String> history(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            return List.of();
        }
        try {
            return List.copyOf(historyFile(name).read());
        } catch (IOException e) {
            LOG.error("Cannot read the deployment history of plugin {}: {}", name, e.getMessage());
            return List.of();
        }
    }

    /** Records the versions and deletes the jars of versions no longer kept. */
    private void writeHistory(String name, List<String> versions) throws ProvisioningException {
        List<String> kept = versions.subList(Math.max(0, versions.size() - 1 - KEPT_VERSIONS), versions.size());
        try {
            historyFile(name).writeInOrder(kept);
        } catch (IOException e) {
            throw new ProvisioningException("the change is applied but could not be saved for the next start: " + e.getMessage(), e);
        }
        versions.subList(0, versions.size() - kept.size()).forEach(v -> deleteQuietly(jar(name, v)));
    }

    private StateFile historyFile(String name) {
        return new StateFile(folder(name).resolve(HISTORY), "versions of " + name + " in deployment order, the running one last");
    }

    private Path folder(String name) {
        return store.resolve(name);
    }

    private Path jar(String name, String version) {
        return folder(name).resolve(version + ".jar");
    }

    private String location(String name, String version) {
        return jar(name, version).toUri().toString();
    }

    private static void copy(Path from, Path to) throws ProvisioningException {
        if (from.toAbsolutePath().normalize().equals(to)) {
            return;
        }
        try {
            Files.createDirectories(to.getParent());
            Path temp = to.resolveSibling(to.getFileName() + ".tmp");
            Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProvisioningException("cannot keep a copy of " + from.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(PluginServiceImpl::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", folder, e.getMessage());
        }
    }

    private static PluginChange logged(PluginChange change) {
        LOG.info("Plugin {}{}", change.summary(), change.notes().isEmpty() ? "" : ": " + String.join("; ", change.notes()));
        return change;
    }
}
