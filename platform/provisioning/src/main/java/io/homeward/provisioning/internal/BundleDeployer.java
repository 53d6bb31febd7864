package io.homeward.provisioning.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homeward.provisioning.BundleCheck;
import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.Requirements;

/**
 * The bundle half of a transaction: install, check, resolve, then start, undoing everything on the
 * first failure. Also removes bundles, refreshing exactly those removed. Not thread-safe: callers
 * serialize operations.
 */
final class BundleDeployer {

    private static final Logger LOG = LoggerFactory.getLogger(BundleDeployer.class);
    private static final long REFRESH_TIMEOUT_SECONDS = 120;

    /**
     * @param location bundle location
     * @param file     the jar to install
     * @param startLevel bundle start level
     * @param start    whether to start it
     */
    record Install(String location, Path file, int startLevel, boolean start) {
    }

    /** Work to do between resolving and starting (creating configurations), with its undo. */
    interface BeforeStart {
        void apply() throws ProvisioningException;

        void undo();
    }

    /** For installs without configurations. */
    static final BeforeStart NOTHING_BEFORE_START = new BeforeStart() {
        @Override
        public void apply() {
        }

        @Override
        public void undo() {
        }
    };

    private final BundleContext context;
    private final FrameworkWiring wiring;
    private final Supplier<List<BundleCheck>> checks;

    BundleDeployer(BundleContext context, Supplier<List<BundleCheck>> checks) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        this.checks = checks;
    }

    /**
     * Installs all bundles, runs the checks, resolves them all, applies {@code beforeStart}, starts
     * them in start-level order. On any failure the deployment is put back as it was.
     *
     * @return the bundles installed
     */
    List<Bundle> deploy(List<Install> installs, BeforeStart beforeStart) throws ProvisioningException {
        return deploy(installs, bundle -> List.of(), beforeStart);
    }

    /**
     * As {@link #deploy(List, BeforeStart)}, with {@code moreChecks} run on each bundle after the
     * {@link BundleCheck}s have passed, still before anything resolves.
     */
    List<Bundle> deploy(List<Install> installs, Function<Bundle, List<String>> moreChecks, BeforeStart beforeStart)
            throws ProvisioningException {
        List<Bundle> installed = new ArrayList<>();
        List<Bundle> started = new ArrayList<>();
        boolean applied = false;
        try {
            for (Install install : installs) {
                Bundle bundle = installBundle(install);
                installed.add(bundle);
                bundle.adapt(BundleStartLevel.class).setStartLevel(install.startLevel());
            }
            List<String> problems = new ArrayList<>();
            for (Bundle bundle : installed) {
                problems.addAll(check(bundle));
            }
            if (problems.isEmpty()) {
                for (Bundle bundle : installed) {
                    problems.addAll(moreChecks.apply(bundle));
                }
            }
            if (!problems.isEmpty()) {
                throw new ProvisioningException(String.join("\n", problems));
            }
            if (!installed.isEmpty() && !wiring.resolveBundles(installed)) {
                List<String> unresolved = installed.stream().filter(b -> b.getState() == Bundle.INSTALLED)
                        .map(b -> Requirements.explain(b, context)).toList();
                throw new ProvisioningException(String.join("\n", unresolved));
            }
            beforeStart.apply();
            applied = true;
            List<Install> order = new ArrayList<>(installs);
            order.sort(Comparator.comparingInt(Install::startLevel));
            for (Install install : order) {
                Bundle bundle = context.getBundle(install.location());
                if (install.start() && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    start(bundle);
                    started.add(bundle);
                }
            }
            return installed;
        } catch (ProvisioningException | RuntimeException e) {
            undo(installed, started, applied ? beforeStart : null);
            if (e instanceof ProvisioningException pe) {
                throw pe;
            }
            throw new ProvisioningException("unexpected failure, rolled back: " + e, e);
        }
    }

    /** Stops (highest start level first), uninstalls and refreshes the bundles. */
    void remove(Collection<Bundle> bundles) {
        List<Bundle> order = new ArrayList<>(bundles);
        order.sort(Comparator.comparingInt((Bundle b) -> b.adapt(BundleStartLevel.class).getStartLevel()).reversed());
        for (Bundle bundle : order) {
            try {
                // per the spec a bundle whose stop method throws is stopped all the same
                bundle.stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("{} did not stop cleanly: {}", Requirements.name(bundle), reason(e));
            }
        }
        for (Bundle bundle : order) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Could not uninstall {}: {}", Requirements.name(bundle), reason(e));
            }
        }
        refresh(order);
    }

    /**
     * The bundles a refresh of {@code bundles} would touch besides themselves: those wired to them,
     * directly or not. Empty for a plugin, which exports nothing.
     */
    Set<Bundle> dependents(Collection<Bundle> bundles) {
        Set<Bundle> closure = new LinkedHashSet<>(wiring.getDependencyClosure(bundles));
        closure.removeAll(bundles);
        return closure;
    }

    List<String> check(Bundle bundle) {
        List<String> problems = new ArrayList<>();
        for (BundleCheck check : checks.get()) {
            try {
                check.check(bundle).forEach(p -> problems.add(Requirements.name(bundle) + ": " + p));
            } catch (RuntimeException e) {
                problems.add(Requirements.name(bundle) + ": check " + check.getClass().getName() + " failed: " + reason(e));
            }
        }
        return problems;
    }

    private Bundle installBundle(Install install) throws ProvisioningException {
        try (InputStream in = Files.newInputStream(install.file())) {
            return context.installBundle(install.location(), in);
        } catch (IOException e) {
            throw new ProvisioningException("cannot read " + install.file() + ": " + e.getMessage(), e);
        } catch (BundleException e) {
            throw new ProvisioningException(install.location() + " cannot be installed: " + reason(e), e);
        }
    }

    private static void start(Bundle bundle) throws ProvisioningException {
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new ProvisioningException(Requirements.name(bundle) + " failed to start: " + reason(e), e);
        }
    }

    private void undo(List<Bundle> installed, List<Bundle> started, BeforeStart applied) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Rollback: {} did not stop cleanly: {}", Requirements.name(started.get(i)), reason(e));
            }
        }
        for (Bundle bundle : installed) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Rollback: could not uninstall {}: {}", Requirements.name(bundle), reason(e));
            }
        }
        if (applied != null) {
            applied.undo();
        }
        if (!installed.isEmpty()) {
            refresh(installed);
        }
    }

    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Refresh of {} bundle(s) still running after {} s", bundles.size(), REFRESH_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A readable reason: the activator's own exception when a start failed, else the message,
     * never a stack trace.
     */
    static String reason(Throwable e) {
        Throwable cause = e instanceof BundleException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        if (cause == e && e instanceof BundleException) {
            return message;
        }
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
