package io.homeward.provisioning.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.homeward.provisioning.PluginChange;
import io.homeward.provisioning.PluginInfo;
import io.homeward.provisioning.PluginService;
import io.homeward.provisioning.ProvisioningException;

/**
 * Gogo commands {@code plugin:deploy [--force] FILE}, {@code plugin:rollback [--force] NAME},
 * {@code plugin:undeploy NAME} and {@code plugin:list}. A refused operation throws, which the shell reports as a
 * failure with the message.
 */
@Component(service = PluginCommands.class, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=deploy",
        "osgi.command.function=rollback",
        "osgi.command.function=undeploy",
        "osgi.command.function=list" })
public class PluginCommands {

    private final PluginService plugins;

    @Activate
    public PluginCommands(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @Descriptor("deploys a plugin jar, or updates the running plugin of the same symbolic name side by side")
    public String deploy(
            @Descriptor("update even when the new version would leave cases read-only") @Parameter(names = "--force", presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the plugin jar; a relative path is taken from the platform's working directory") String file) throws ProvisioningException {
        Path jar = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new ProvisioningException("no file " + jar + " (the platform reads it: give an absolute path)");
        }
        return report(plugins.deploy(jar, force));
    }

    @Descriptor("goes back to the version of a plugin deployed before the running one")
    public String rollback(
            @Descriptor("roll back even when the earlier version would leave cases read-only") @Parameter(names = "--force", presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("plugin symbolic name") String name) throws ProvisioningException {
        return report(plugins.rollback(name, force));
    }

    @Descriptor("stops and removes a deployed plugin; its cases stay, read-only")
    public String undeploy(@Descriptor("plugin symbolic name") String name) throws ProvisioningException {
        return report(plugins.undeploy(name));
    }

    /**
     * One line per plugin after a header: {@code NAME VERSION STATE PREVIOUS CONTRIBUTES}, previous versions
     * and contributions comma-separated ({@code -} when none).
     */
    @Descriptor("lists the deployed plugins: version, state, versions kept for rollback, what they contribute")
    public String list() {
        List<PluginInfo> all = plugins.plugins();
        int nameWidth = Math.max(4, all.stream().mapToInt(p -> p.symbolicName().length()).max().orElse(0));
        int versionWidth = Math.max(7, all.stream().mapToInt(p -> p.version().length()).max().orElse(0));
        int previousWidth = Math.max(8, all.stream().mapToInt(p -> joined(p.previousVersions()).length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + versionWidth + "s  %-13s  %-" + previousWidth + "s  %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "NAME", "VERSION", "STATE", "PREVIOUS", "CONTRIBUTES"));
        for (PluginInfo plugin : all) {
            out.append(String.format(format, plugin.symbolicName(), plugin.version(), plugin.state(),
                    joined(plugin.previousVersions()), joined(plugin.contributions())));
        }
        return out.toString();
    }

    private static String joined(List<String> items) {
        return items.isEmpty() ? "-" : String.join(", ", items);
    }

    private static String report(PluginChange change) {
        StringBuilder out = new StringBuilder(change.summary()).append('\n');
        change.notes().forEach(note -> out.append("  ").append(note).append('\n'));
        return out.toString();
    }
}
