package io.homeward.center.internal;

import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.spi.CenterPlugin;
import io.homeward.provisioning.BundleCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extender for center plugins: tracks every resolved bundle with a {@value CenterPlugin#DECLARATION_HEADER}
 * header, reads its declaration without activating it, and registers its centers while it stays resolved.
 * As a {@link BundleCheck} it lets provisioning refuse a broken plugin before anything changes.
 *
 * <p>A newer bundle of the same plugin (same symbolic name) takes a center over from the older one as soon as
 * it resolves, and the older one's removal then withdraws nothing: a plugin updated side by side never leaves
 * a moment in which its centers are missing. While both versions are installed, the center also keeps the
 * older version's workflow versions that the newer one replaces (those below its current version), so that cases
 * opened under them stay workable until the update has migrated them; they go when the older bundle does. Hub
 * centers get their member countries from
 * {@link HubMembership} configurations.
 */
@Component(service = {CenterRegistry.class, BundleCheck.class})
public final class CenterRegistryImpl implements CenterRegistry, BundleCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CenterRegistryImpl.class);

    private final DeclarationReader reader = new DeclarationReader();
    /** Centers as their plugins declare them, by center id, with the bundle that declares each. */
    private final Map<String, Declared> declared = new TreeMap<>();
    private final Map<String, HubMembership> memberships = new HashMap<>();
    private final BundleTracker<Bundle> tracker;

    /**
     * A center as its bundle declares it, plus the workflow versions retained from the version of the plugin it
     * took the center over from, while that version is still installed.
     */
    private record Declared(Center center, long bundleId, String symbolicName, List<Workflow> retained, long retainedFrom) {
    }

    @Activate
    public CenterRegistryImpl(BundleContext context) {
        // RESOLVED is enough: a plugin's declaration is data, read without starting the plugin
        int states = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        tracker = new BundleTracker<>(context, states, new BundleTrackerCustomizer<Bundle>() {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                return declarationFile(bundle) == null ? null : added(bundle);
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
                // a state change between resolved and active changes nothing declared
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle tracked) {
                removed(bundle);
            }
        });
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addMembership(HubMembership membership) {
        memberships.put(membership.center, membership);
    }

    synchronized void removeMembership(HubMembership membership) {
        memberships.remove(membership.center, membership);
    }

    @Override
    public synchronized List<Center> centers() {
        return declared.values().stream().map(this::effective).toList();
    }

    @Override
    public synchronized Optional<Center> center(String centerId) {
        return Optional.ofNullable(declared.get(centerId)).map(this::effective);
    }

    /** The center as declared, with retained workflow versions and the deployment's hub membership applied. */
    private Center effective(Declared d) {
        Center c = d.center();
        HubMembership membership = memberships.get(c.id());
        if ((c.hub() == null || membership == null) && d.retained().isEmpty()) {
            return c;
        }
        List<Workflow> workflows = new ArrayList<>(c.workflows());
        workflows.addAll(d.retained());
        return new Center(c.id(), c.name(), c.country(), c.timeZone(), c.languages(), c.hotlines(), c.caseNumbers(),
                c.fields(), c.categories(), workflows, c.alertCriteria(), c.sections(),
                c.hub() == null || membership == null ? c.hub() : membership.applyTo(c.hub()), c.plugin());
    }

    /**
     * The workflow versions of the center being taken over that the new declaration replaces by a newer version
     * (or drops): kept while the old bundle is installed, since cases may run under them until they are migrated.
     * None of them is newer than the new declaration's current version, so intake is unaffected.
     */
    private static List<Workflow> retained(Center next, Declared previous) {
        List<Workflow> old = new ArrayList<>(previous.center().workflows());
        old.addAll(previous.retained());
        return old.stream().filter(w -> next.workflow(w.id(), w.version()).isEmpty()
                && next.currentWorkflow(w.id()).map(current -> w.version() < current.version()).orElse(true)).toList();
    }

    @Override
    public List<String> check(Bundle bundle) {
        if (declarationFile(bundle) == null) {
            return List.of();
        }
        try {
            return conflicts(bundle, read(reader, bundle));
        } catch (DeclarationException e) {
            return e.problems().stream().map(DeclarationProblem::toString).toList();
        }
    }

    private synchronized Bundle added(Bundle bundle) {
        List<Center> centers;
        try {
            centers = read(reader, bundle);
        } catch (DeclarationException e) {
            LOG.error("Center plugin {} refused: {}", name(bundle), e.getMessage());
            return bundle;
        }
        List<String> conflicts = conflicts(bundle, centers);
        if (!conflicts.isEmpty()) {
            LOG.error("Center plugin {} refused: {}", name(bundle), String.join("; ", conflicts));
            return bundle;
        }
        List<String> ids = new ArrayList<>();
        for (Center center : centers) {
            // conflicts() let it through: any previous declarer is another version of this very plugin
            Declared previous = declared.get(center.id());
            boolean takeOver = previous != null && previous.bundleId() != bundle.getBundleId();
            declared.put(center.id(), new Declared(center, bundle.getBundleId(), bundle.getSymbolicName(),
                    takeOver ? retained(center, previous) : List.of(), takeOver ? previous.bundleId() : -1));
            ids.add(center.id());
        }
        LOG.info("Center plugin {} declares {}", name(bundle), ids);
        return bundle;
    }

    private synchronized void removed(Bundle bundle) {
        // only what this bundle still declares: a newer version may have taken its centers over already
        List<String> ids = declared.entrySet().stream().filter(e -> e.getValue().bundleId() == bundle.getBundleId())
                .map(Map.Entry::getKey).toList();
        ids.forEach(declared::remove);
        // the version that took over from this bundle has migrated what it could: its old workflow versions go
        declared.replaceAll((id, d) -> d.retainedFrom() != bundle.getBundleId() ? d
                : new Declared(d.center(), d.bundleId(), d.symbolicName(), List.of(), -1));
        if (!ids.isEmpty()) {
            LOG.info("Center plugin {} withdrawn: {}", name(bundle), ids);
            // a failed side-by-side update is being undone: the version that kept running declares them again
            for (Bundle other : tracker.getBundles() == null ? new Bundle[0] : tracker.getBundles()) {
                if (other.getBundleId() != bundle.getBundleId() && bundle.getSymbolicName().equals(other.getSymbolicName())) {
                    added(other);
                }
            }
        }
    }

    /** Problems that make the plugin unfit beside the plugins already installed, or by its own headers. */
    private synchronized List<String> conflicts(Bundle bundle, List<Center> centers) {
        List<String> problems = new ArrayList<>();
        String exports = bundle.getHeaders("").get(Constants.EXPORT_PACKAGE);
        if (exports != null && !exports.isBlank()) {
            problems.add("a center plugin must export nothing, but it exports " + exports);
        }
        for (Center center : centers) {
            Declared existing = declared.get(center.id());
            // the same plugin (another version of it) may take its own centers over; nobody else may
            if (existing != null && !existing.symbolicName().equals(bundle.getSymbolicName())) {
                problems.add("center '" + center.id() + "' is already declared by plugin " + existing.center().plugin());
            }
        }
        return problems;
    }

    /** Reads a plugin's declaration through its entries: the bundle may be only INSTALLED. */
    static List<Center> read(DeclarationReader reader, Bundle bundle) throws DeclarationException {
        String file = declarationFile(bundle);
        URL entry = bundle.getEntry(file);
        if (entry == null) {
            throw new DeclarationException(List.of(new DeclarationProblem(file, -1, -1,
                    "is named by the " + CenterPlugin.DECLARATION_HEADER + " header but is not in the bundle")));
        }
        try (InputStream in = entry.openStream()) {
            return reader.read(in, file, name(bundle));
        } catch (IOException e) {
            throw new DeclarationException(List.of(new DeclarationProblem(file, -1, -1, "cannot be read: " + e.getMessage())));
        }
    }

    private static String declarationFile(Bundle bundle) {
        // raw headers: localization would need the bundle's resources and is meaningless for a path
        String file = bundle.getHeaders("").get(CenterPlugin.DECLARATION_HEADER);
        return file == null ? null : file.trim().replaceFirst("^/", "");
    }

    private static String name(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
