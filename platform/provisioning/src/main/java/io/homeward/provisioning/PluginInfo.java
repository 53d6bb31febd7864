package io.homeward.provisioning;

import java.util.List;

/**
 * A plugin deployed through the {@link PluginService}.
 *
 * @param symbolicName     its Bundle-SymbolicName, never null
 * @param version          the version running now, never null
 * @param state            the bundle state as {@link BundleStates} names it, never null
 * @param previousVersions the versions kept for rollback, the one a rollback goes to first; never null
 * @param contributions    what it contributes, as the {@link PluginHandler}s describe it (e.g. {@code center
 *                         child-focus}); never null
 */
public record PluginInfo(String symbolicName, String version, String state, List<String> previousVersions,
        List<String> contributions) {

    public PluginInfo {
        previousVersions = List.copyOf(previousVersions);
        contributions = List.copyOf(contributions);
    }
}
