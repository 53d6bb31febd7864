package io.homeward.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Namespace;

/**
 * Explains why a bundle does not resolve, in words an operator reads at a glance, instead of the
 * framework's nested "Unable to resolve" chain: {@code io.example.bad 1.0.0 cannot resolve: missing
 * package org.nowhere [1.0.0,2.0.0)}.
 *
 * <p>Each mandatory requirement of the bundle's current revision is matched against the
 * capabilities of every installed bundle (the system bundle included, resolved or not); the ones
 * nothing offers are missing. Requirements that only unresolved bundles offer are reported as such.
 * Thread-safe and stateless.
 */
public final class Requirements {

    private static final Map<String, String> NAMESPACE_WORDS = Map.of(
            "osgi.wiring.package", "package",
            "osgi.wiring.bundle", "bundle",
            "osgi.wiring.host", "fragment host",
            "osgi.ee", "execution environment",
            "osgi.extender", "extender",
            "osgi.contract", "contract",
            "osgi.service", "service",
            "osgi.serviceloader", "service loader provider",
            "osgi.implementation", "implementation");
    private static final Pattern LOWER = Pattern.compile("(?<!!)\\(version>=([^)]+)\\)");
    private static final Pattern LOWER_EXCLUSIVE = Pattern.compile("\\(!\\(version<=([^)]+)\\)\\)");
    private static final Pattern UPPER = Pattern.compile("(?<!!)\\(version<=([^)]+)\\)");
    private static final Pattern UPPER_EXCLUSIVE = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern EXACT = Pattern.compile("\\(version=([^)]+)\\)");

    private Requirements() {
    }

    /**
     * Renders a requirement as {@code <kind> <name> <version range>}, e.g.
     * {@code package org.nowhere [1.0.0,2.0.0)} or {@code execution environment JavaSE 21};
     * falls back to the namespace and raw filter for shapes it does not know.
     *
     * @param requirement the requirement, never null
     * @return the readable form, never null
     */
    public static String describe(BundleRequirement requirement) {
        String namespace = requirement.getNamespace();
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        String kind = NAMESPACE_WORDS.getOrDefault(namespace, namespace);
        if (filter == null) {
            return kind;
        }
        Matcher name = Pattern.compile("\\(" + Pattern.quote(namespace) + "=([^)]+)\\)").matcher(filter);
        if (!name.find()) {
            return kind + " " + filter;
        }
        String range = range(filter);
        return kind + " " + name.group(1) + (range.isEmpty() ? "" : " " + range);
    }

    /** The version constraint of a filter in OSGi range notation, empty when unconstrained. */
    static String range(String filter) {
        Matcher exact = EXACT.matcher(filter);
        if (exact.find()) {
            return exact.group(1);
        }
        String floor = null;
        boolean floorInclusive = true;
        String ceiling = null;
        boolean ceilingInclusive = true;
        Matcher m;
        if ((m = LOWER_EXCLUSIVE.matcher(filter)).find()) {
            floor = m.group(1);
            floorInclusive = false;
        } else if ((m = LOWER.matcher(filter)).find()) {
            floor = m.group(1);
        }
        if ((m = UPPER_EXCLUSIVE.matcher(filter)).find()) {
            ceiling = m.group(1);
            ceilingInclusive = false;
        } else if ((m = UPPER.matcher(filter)).find()) {
            ceiling = m.group(1);
        }
        if (floor == null && ceiling == null) {
            return "";
        }
        return (floorInclusive ? "[" : "(") + (floor == null ? "0.0.0" : floor) + ","
                + (ceiling == null ? "∞)" : ceiling + (ceilingInclusive ? "]" : ")"));
    }

    /**
     * The readable reasons why a bundle cannot resolve; empty when it is resolved, when nothing is
     * missing, or when it is no longer installed. A reason is either {@code missing <requirement>}
     * or {@code <requirement> is only offered by unresolved bundle(s) <names>}.
     *
     * @param bundle  the bundle to explain, never null
     * @param context any valid bundle context, used to see every installed bundle
     * @return the reasons, never null
     */
    public static List<String> unsatisfied(Bundle bundle, BundleContext context) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null || bundle.getState() != Bundle.INSTALLED) {
            return List.of();
        }
        List<BundleRevision> installed = new ArrayList<>();
        for (Bundle other : context.getBundles()) {
            BundleRevision otherRevision = other.adapt(BundleRevision.class);
            if (otherRevision != null && other.getState() != Bundle.UNINSTALLED) {
                installed.add(otherRevision);
            }
        }
        List<String> reasons = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            if (!isMandatory(requirement)) {
                continue;
            }
            Set<String> unresolvedProviders = new LinkedHashSet<>();
            boolean satisfied = false;
            for (BundleRevision candidate : installed) {
                if (candidate.equals(revision) && !PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
                    continue;
                }
                for (BundleCapability capability : candidate.getDeclaredCapabilities(requirement.getNamespace())) {
                    if (requirement.matches(capability)) {
                        if (candidate.getWiring() != null || candidate.equals(revision)) {
                            satisfied = true;
                        } else {
                            unresolvedProviders.add(candidate.getSymbolicName() + " " + candidate.getVersion());
                        }
                    }
                }
            }
            if (satisfied) {
                continue;
            }
            reasons.add(unresolvedProviders.isEmpty() ? "missing " + describe(requirement)
                    : describe(requirement) + " is only offered by unresolved bundle(s) " + String.join(", ", unresolvedProviders));
        }
        return reasons;
    }

    /**
     * One line for an unresolved bundle: {@code <symbolic name> <version> cannot resolve: <reasons>}.
     * When no requirement is missing (e.g. a uses-constraint conflict), says so and points to
     * {@code bundle:diag}.
     *
     * @param bundle  the unresolved bundle, never null
     * @param context any valid bundle context, used to see every installed bundle
     * @return the line, never null
     */
    public static String explain(Bundle bundle, BundleContext context) {
        List<String> reasons = unsatisfied(bundle, context);
        String what = name(bundle) + " cannot resolve: ";
        return what + (reasons.isEmpty()
                ? "every requirement is offered, but not consistently (a uses constraint conflict between package versions)"
                : String.join("; ", reasons));
    }

    private static boolean isMandatory(BundleRequirement requirement) {
        Map<String, String> directives = requirement.getDirectives();
        String resolution = directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
        String effective = directives.get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
        // optional and dynamic requirements never block resolution; nor do those effective at run time only
        return !Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                && !PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution)
                && (effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective));
    }

    /**
     * @param bundle a bundle, never null
     * @return its symbolic name and version, e.g. {@code io.example 1.0.0}
     */
    public static String name(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
