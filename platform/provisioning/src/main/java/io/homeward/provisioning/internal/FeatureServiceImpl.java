package io.homeward.provisioning.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homeward.provisioning.BundleCheck;
import io.homeward.provisioning.ChangeSet;
import io.homeward.provisioning.FeatureInfo;
import io.homeward.provisioning.FeatureService;
import io.homeward.provisioning.PluginHandler;
import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.internal.BundleDeployer.Install;
import io.homeward.provisioning.internal.FeatureDefinition.BundleEntry;
import io.homeward.provisioning.internal.FeatureDefinition.ConfigEntry;

/**
 * Installs features from {@code <homeward.home>/features/*.xml} with bundles from
 * {@code <homeward.home>/system}, and provisions the deployment at boot. See {@link FeatureService}
 * for the contract.
 */
// immediate: boot provisioning and the deploy/ installer must run without anyone asking for the service
@Component(service = FeatureService.class, immediate = true)
public class FeatureServiceImpl implements FeatureService {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureServiceImpl.class);

    /** Framework property: comma-separated features to install at boot ({@code --features}). */
    static final String FEATURES_PROPERTY = "homeward.features";

    private final BundleContext context;
    private final Path home;
    private final FeaturesXmlParser parser = new FeaturesXmlParser();
    private final SystemRepository system;
    private final StateFile state;
    private final BundleDeployer deployer;
    private final ConfigChanges configs;
    private final PluginServiceImpl plugins;
    private final DeployFolderInstaller deployFolder;
    private final Thread bootThread;
    private final CountDownLatch bootDone = new CountDownLatch(1);

    /** Guards the fields below and serializes every operation. */
    private final Object lock = new Object();
    /** Features asked for explicitly, persisted. */
    private final Set<String> requested = new LinkedHashSet<>();
    /** Features installed now, included ones counted. */
    private final Set<String> installed = new LinkedHashSet<>();
    /** Configurations provisioning created, the only ones it may delete. */
    private final Set<String> createdConfigs = new HashSet<>();
    private volatile boolean bootComplete;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<BundleCheck> checks = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PluginHandler> pluginHandlers = List.of();

    @Activate
    public FeatureServiceImpl(BundleContext context, @Reference ConfigurationAdmin configAdmin) throws IOException {
        this.context = context;
        this.home = Path.of(property(context, "homeward.home"));
        Path data = Path.of(property(context, "homeward.data"));
        this.system = new SystemRepository(home.resolve("system"));
        this.state = new StateFile(data.resolve("features.state"));
        this.deployer = new BundleDeployer(context, () -> checks);
        this.configs = new ConfigChanges(configAdmin);
        requested.addAll(state.read());
        plugins = new PluginServiceImpl(context, data.resolve("plugins"), deployer, () -> pluginHandlers, lock);
        plugins.register();
        deployFolder = new DeployFolderInstaller(context, home.resolve("deploy"), plugins, bootDone);
        deployFolder.register();
        bootThread = new Thread(this::boot, "homeward-provisioning-boot");
        bootThread.setDaemon(true);
        bootThread.start();
    }

    @Deactivate
    void deactivate() {
        deployFolder.unregister();
        plugins.unregister();
        bootThread.interrupt();
    }

    @Override
    public Set<String> installedFeatures() {
        synchronized (lock) {
            return Set.copyOf(installed);
        }
    }

    @Override
    public boolean isBootComplete() {
        return bootComplete;
    }

    @Override
    public List<FeatureInfo> listFeatures() throws ProvisioningException {
        FeatureRepositories repositories = repositories();
        synchronized (lock) {
            return repositories.all().stream()
                    .map(f -> new FeatureInfo(f.name(), f.version(), f.description(),
                            f.dependencies().stream().map(FeatureDefinition.Dependency::name).toList(),
                            installed.contains(f.name()), f.repository()))
                    .toList();
        }
    }

    @Override
    public ChangeSet install(String name, boolean dryRun) throws ProvisioningException {
        synchronized (lock) {
            try {
                return doInstall(name, dryRun);
            } catch (ProvisioningException e) {
                LOG.warn("Feature {} not installed: {}", name, e.getMessage());
                throw e;
            }
        }
    }

    @Override
    public ChangeSet uninstall(String name, boolean dryRun) throws ProvisioningException {
        synchronized (lock) {
            try {
                return doUninstall(name, dryRun);
            } catch (ProvisioningException e) {
                LOG.warn("Feature {} not uninstalled: {}", name, e.getMessage());
                throw e;
            }
        }
    }

    private ChangeSet doInstall(String name, boolean dryRun) throws ProvisioningException {
        FeatureRepositories repositories = repositories();
        List<FeatureDefinition> added = repositories.closure(List.of(name)).stream()
                .filter(f -> !installed.contains(f.name())).toList();

        Map<String, Install> bundles = new LinkedHashMap<>();
        Map<String, ConfigEntry> newConfigs = new LinkedHashMap<>();
        for (FeatureDefinition feature : added) {
            for (BundleEntry entry : feature.bundles()) {
                if (context.getBundle(entry.location()) == null && !bundles.containsKey(entry.location())) {
                    bundles.put(entry.location(), new Install(entry.location(), system.resolve(entry.location()),
                            entry.startLevel(), entry.start()));
                }
            }
            for (ConfigEntry config : feature.configs()) {
                if (!newConfigs.containsKey(config.pid()) && !configs.exists(config.pid())) {
                    newConfigs.put(config.pid(), config);
                }
            }
        }
        ChangeSet changes = new ChangeSet(names(added), List.of(), List.copyOf(bundles.keySet()),
                bundles.values().stream().filter(Install::start).sorted((a, b) -> Integer.compare(a.startLevel(), b.startLevel()))
                        .map(Install::location).toList(),
                List.of(), List.copyOf(newConfigs.keySet()), List.of());
        if (dryRun) {
            return changes;
        }
        List<String> created = new ArrayList<>();
        deployer.deploy(List.copyOf(bundles.values()), new BundleDeployer.BeforeStart() {
            @Override
            public void apply() throws ProvisioningException {
                created.addAll(configs.create(newConfigs.values()));
            }

            @Override
            public void undo() {
                configs.delete(created);
            }
        });
        createdConfigs.addAll(created);
        added.forEach(f -> installed.add(f.name()));
        if (requested.add(name)) {
            persist();
        }
        if (!added.isEmpty()) {
            LOG.info("Installed feature {}: {} bundle(s), {} configuration(s)", name, bundles.size(), created.size());
        }
        return changes;
    }

    private ChangeSet doUninstall(String name, boolean dryRun) throws ProvisioningException {
        if (CORE_FEATURE.equals(name)) {
            throw new ProvisioningException(CORE_FEATURE + " is the platform itself and cannot be uninstalled");
        }
        if (!installed.contains(name)) {
            if (requested.contains(name)) {
                // asked for earlier but failed to install (e.g. at boot): forget it
                if (!dryRun) {
                    requested.remove(name);
                    persist();
                }
                return new ChangeSet(List.of(), List.of(name), List.of(), List.of(), List.of(), List.of(), List.of());
            }
            throw new ProvisioningException("feature " + name + " is not installed");
        }
        FeatureRepositories repositories = repositories();
        Set<String> remainingRequested = new LinkedHashSet<>(requested);
        remainingRequested.remove(name);
        remainingRequested.add(CORE_FEATURE);
        remainingRequested.retainAll(installed);
        List<FeatureDefinition> remaining = repositories.closure(remainingRequested);
        if (names(remaining).contains(name)) {
            List<String> includers = remaining.stream()
                    .filter(f -> f.dependencies().stream().anyMatch(d -> d.name().equals(name))).map(FeatureDefinition::name).toList();
            throw new ProvisioningException("feature " + name + " is included by installed feature(s) "
                    + String.join(", ", includers) + "; uninstall those first");
        }
        Set<String> keptLocations = new HashSet<>();
        Set<String> keptPids = new HashSet<>();
        for (FeatureDefinition feature : remaining) {
            feature.bundles().forEach(b -> keptLocations.add(b.location()));
            feature.configs().forEach(c -> keptPids.add(c.pid()));
        }
        List<FeatureDefinition> removed = new ArrayList<>();
        for (String installedName : installed) {
            if (!names(remaining).contains(installedName)) {
                removed.add(repositories.get(installedName));
            }
        }
        Map<String, Bundle> bundles = new LinkedHashMap<>();
        Set<String> pids = new LinkedHashSet<>();
        for (FeatureDefinition feature : removed) {
            for (BundleEntry entry : feature.bundles()) {
                Bundle bundle = context.getBundle(entry.location());
                if (bundle != null && !keptLocations.contains(entry.location())) {
                    bundles.put(entry.location(), bundle);
                }
            }
            feature.configs().stream().map(ConfigEntry::pid)
                    .filter(pid -> !keptPids.contains(pid) && createdConfigs.contains(pid)).forEach(pids::add);
        }
        Set<Bundle> dependents = deployer.dependents(bundles.values());
        if (!dependents.isEmpty()) {
            throw new ProvisioningException("uninstalling feature " + name + " would refresh bundles that stay: "
                    + dependents.stream().map(b -> b.getSymbolicName() + " " + b.getVersion()).collect(Collectors.joining(", "))
                    + " (they use packages of its bundles)");
        }
        ChangeSet changes = new ChangeSet(List.of(), names(removed), List.of(), List.of(), List.copyOf(bundles.keySet()),
                List.of(), List.copyOf(pids));
        if (dryRun) {
            return changes;
        }
        deployer.remove(bundles.values());
        configs.delete(pids);
        createdConfigs.removeAll(pids);
        removed.forEach(f -> installed.remove(f.name()));
        requested.remove(name);
        persist();
        LOG.info("Uninstalled feature {}: {} bundle(s), {} configuration(s)", name, bundles.size(), pids.size());
        return changes;
    }

    /**
     * Waits until the framework has reached its beginning start level (the startup bundles, FileInstall
     * with etc/*.cfg among them, are active by then), then installs the boot features one by one, so
     * that one broken feature does not keep the others out.
     */
    private void boot() {
        long started = System.nanoTime();
        try {
            awaitFrameworkStarted();
            Set<String> boot = new LinkedHashSet<>();
            boot.add(CORE_FEATURE);
            synchronized (lock) {
                boot.addAll(requested);
            }
            String extra = context.getProperty(FEATURES_PROPERTY);
            if (extra != null) {
                for (String name : extra.split(",")) {
                    if (!name.isBlank()) {
                        boot.add(name.trim());
                    }
                }
            }
            boolean ok = true;
            for (String name : boot) {
                try {
                    install(name, false);
                } catch (ProvisioningException e) {
                    ok = false; // logged by install
                }
            }
            // plugins after the features: they need the core API, and may replace a feature's bundle
            plugins.restore();
            bootComplete = ok;
            if (ok) {
                LOG.info("Boot provisioning complete in {} ms: {}", (System.nanoTime() - started) / 1_000_000, installedFeatures());
                // the one line an operator looks for after "bin/homeward run"
                LOG.info("Homeward is ready at http://localhost:{}/ (health: http://localhost:{}/health)",
                        context.getProperty("org.osgi.service.http.port"), context.getProperty("org.osgi.service.http.port"));
            } else {
                LOG.error("Boot provisioning incomplete: installed {}, wanted {}", installedFeatures(), boot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bootDone.countDown();
        }
    }

    private void awaitFrameworkStarted() throws InterruptedException {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        int beginning = parseLevel(context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL));
        CountDownLatch reached = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                if (framework.adapt(FrameworkStartLevel.class).getStartLevel() >= beginning) {
                    reached.countDown();
                }
            }
        };
        context.addFrameworkListener(listener);
        try {
            if (framework.getState() == Bundle.ACTIVE && framework.adapt(FrameworkStartLevel.class).getStartLevel() >= beginning) {
                reached.countDown();
            }
            while (!reached.await(1, TimeUnit.SECONDS)) {
                // also catches a STARTED event fired between the check and the listener registration
                if (framework.getState() == Bundle.ACTIVE && framework.adapt(FrameworkStartLevel.class).getStartLevel() >= beginning) {
                    break;
                }
            }
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private static int parseLevel(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private FeatureRepositories repositories() throws ProvisioningException {
        return FeatureRepositories.load(home.resolve("features"), parser);
    }

    private void persist() throws ProvisioningException {
        try {
            state.write(requested);
        } catch (IOException e) {
            throw new ProvisioningException("the change is applied but could not be saved for the next start: " + e.getMessage(), e);
        }
    }

    private static List<String> names(List<FeatureDefinition> features) {
        return features.stream().map(FeatureDefinition::name).toList();
    }

    private static String property(BundleContext context, String name) {
        String value = context.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("framework property " + name + " is not set; start Homeward with bin/homeward");
        }
        return value;
    }
}
