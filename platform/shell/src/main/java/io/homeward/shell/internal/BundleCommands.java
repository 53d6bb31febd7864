package io.homeward.shell.internal;

import io.homeward.provisioning.BundleStates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.homeward.provisioning.BundleCheck;
import io.homeward.provisioning.BundleDiagnostics;
import io.homeward.provisioning.Requirements;

/**
 * Gogo commands {@code bundle:list} and {@code bundle:diag NAME}. {@code bundle:diag} shows why a bundle
 * does not resolve, what the {@link BundleCheck}s hold against it, and what the {@link BundleDiagnostics}
 * services know about it while it runs (e.g. faults of a center plugin's hooks).
 */
@Component(service = BundleCommands.class, property = {
        "osgi.command.scope=bundle",
        "osgi.command.function=list",
        "osgi.command.function=diag" })
public class BundleCommands {

    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<BundleCheck> checks = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<BundleDiagnostics> diagnostics = List.of();

    @Activate
    public BundleCommands(BundleContext context) {
        this.context = context;
    }

    /**
     * One line per bundle, by id: {@code ID STATE LEVEL SYMBOLIC-NAME VERSION}, separated by
     * spaces and padded to fixed widths, after a header line; stable for scripts and tests.
     */
    @Descriptor("lists the installed bundles: id, state, start level, symbolic name, version")
    public String list() {
        StringBuilder out = new StringBuilder(String.format("%-4s %-11s %-5s %s %s%n", "ID", "STATE", "LEVEL", "SYMBOLIC-NAME", "VERSION"));
        Bundle[] bundles = context.getBundles();
        Arrays.sort(bundles, Comparator.comparingLong(Bundle::getBundleId));
        for (Bundle bundle : bundles) {
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            out.append(String.format("%-4d %-11s %-5s %s %s%n", bundle.getBundleId(), BundleStates.of(bundle),
                    level == null ? "0" : Integer.toString(level.getStartLevel()), bundle.getSymbolicName(), bundle.getVersion()));
        }
        return out.toString();
    }

    @Descriptor("explains a bundle's state: unsatisfied requirements, problems found by the bundle checks and faults while it ran")
    public String diag(@Descriptor("bundle id or symbolic name") String name) {
        List<Bundle> bundles = find(name);
        StringBuilder out = new StringBuilder();
        for (Bundle bundle : bundles) {
            out.append(Requirements.name(bundle)).append(" [").append(bundle.getBundleId()).append("]\n");
            out.append("  state: ").append(BundleStates.of(bundle)).append('\n');
            out.append("  location: ").append(bundle.getLocation()).append('\n');
            List<String> problems = new ArrayList<>();
            Requirements.unsatisfied(bundle, context).forEach(r -> problems.add("unsatisfied: " + r));
            ask(checks, "check", c -> c.check(bundle), problems);
            if (problems.isEmpty() && bundle.getState() == Bundle.INSTALLED) {
                problems.add("unresolved although every requirement is offered (a uses constraint conflict)");
            }
            ask(diagnostics, "diagnostic", d -> d.diagnose(bundle), problems);
            if (problems.isEmpty()) {
                out.append("  no problems found\n");
            }
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return out.toString();
    }

    /** Adds each service's lines with a prefix; a service that throws is itself reported, not fatal. */
    private static <S> void ask(List<S> services, String kind, Function<S, List<String>> question, List<String> lines) {
        for (S service : services) {
            try {
                question.apply(service).forEach(line -> lines.add(kind + ": " + line));
            } catch (RuntimeException e) {
                lines.add(kind + " " + service.getClass().getName() + " failed: " + e);
            }
        }
    }

    private List<Bundle> find(String name) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName()) || name.equals(Long.toString(bundle.getBundleId()))) {
                found.add(bundle);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no bundle with id or symbolic name '" + name + "'");
        }
        return found;
    }

}
