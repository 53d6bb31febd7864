package io.homeward.provisioning.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.homeward.provisioning.ChangeSet;
import io.homeward.provisioning.FeatureInfo;
import io.homeward.provisioning.FeatureService;
import io.homeward.provisioning.ProvisioningException;

/**
 * Gogo commands {@code feature:list}, {@code feature:install [--dry-run] NAME} and
 * {@code feature:uninstall [--dry-run] NAME}. A refused operation throws, which the shell reports
 * as a failure with the message.
 */
@Component(service = FeatureCommands.class, property = {
        "osgi.command.scope=feature",
        "osgi.command.function=list",
        "osgi.command.function=install",
        "osgi.command.function=uninstall" })
public class FeatureCommands {

    private final FeatureService features;

    @Activate
    public FeatureCommands(@Reference FeatureService features) {
        this.features = features;
    }

    @Descriptor("lists the features of the repositories in features/, with their state")
    public String list() throws ProvisioningException {
        List<FeatureInfo> all = features.listFeatures();
        int nameWidth = Math.max(4, all.stream().mapToInt(f -> f.name().length()).max().orElse(0));
        int versionWidth = Math.max(7, all.stream().mapToInt(f -> f.version().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + versionWidth + "s  %-11s  %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "NAME", "VERSION", "STATE", "DESCRIPTION"));
        for (FeatureInfo feature : all) {
            out.append(String.format(format, feature.name(), feature.version(),
                    feature.installed() ? "installed" : "available", feature.description()));
        }
        out.append(features.isBootComplete() ? "boot: complete" : "boot: not complete").append('\n');
        return out.toString();
    }

    @Descriptor("installs a feature and the features it includes, as one transaction")
    public String install(
            @Descriptor("print the changes without applying them") @Parameter(names = "--dry-run", presentValue = "true", absentValue = "false") boolean dryRun,
            @Descriptor("feature name") String name) throws ProvisioningException {
        return report(features.install(name, dryRun), dryRun, "installed", name);
    }

    @Descriptor("uninstalls a feature, refreshing only its own bundles")
    public String uninstall(
            @Descriptor("print the changes without applying them") @Parameter(names = "--dry-run", presentValue = "true", absentValue = "false") boolean dryRun,
            @Descriptor("feature name") String name) throws ProvisioningException {
        return report(features.uninstall(name, dryRun), dryRun, "uninstalled", name);
    }

    private static String report(ChangeSet changes, boolean dryRun, String done, String name) {
        StringBuilder out = new StringBuilder();
        if (changes.isEmpty()) {
            return out.append("Nothing to change: feature ").append(name).append(" is already ").append(done).append('\n').toString();
        }
        out.append(dryRun ? "Dry run, nothing changed. Would:\n" : "Feature " + name + " " + done + ":\n");
        changes.describe().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }
}
