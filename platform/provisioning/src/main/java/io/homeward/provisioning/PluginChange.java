package io.homeward.provisioning;

import java.util.List;

/**
 * What a {@link PluginService} operation changed.
 *
 * @param symbolicName    the plugin, never null
 * @param previousVersion the version that ran before, null for a first deployment
 * @param version         the version that runs now, null after an undeploy
 * @param notes           what the {@link PluginHandler}s did or want the operator to know (e.g. cases migrated
 *                        to a new workflow version), one readable line each; never null
 */
public record PluginChange(String symbolicName, String previousVersion, String version, List<String> notes) {

    public PluginChange {
        notes = List.copyOf(notes);
    }

    /** @return one line saying what happened, e.g. {@code io.example.plugin updated from 1.0.0 to 1.1.0} */
    public String summary() {
        if (version == null) {
            return symbolicName + " " + previousVersion + " undeployed";
        }
        if (version.equals(previousVersion)) {
            return symbolicName + " " + version + " unchanged";
        }
        if (previousVersion == null) {
            return symbolicName + " " + version + " deployed";
        }
        return symbolicName + " updated from " + previousVersion + " to " + version;
    }
}
