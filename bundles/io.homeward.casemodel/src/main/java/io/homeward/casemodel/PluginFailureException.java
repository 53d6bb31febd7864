package io.homeward.casemodel;

/**
 * A center plugin's code failed while the operation needed it: a hook threw, did not return within the
 * platform's time limit, or could not be called because earlier calls into the same plugin are still stuck.
 * Only the operation that called the plugin fails; the platform and other centers go on. Retrying may succeed
 * once the plugin is fixed or replaced, so web callers get a 503 (Service Unavailable).
 *
 * <p>The message names the center, the plugin and the hook, never the plugin's own exception message (which
 * may quote case data); it carries no cause for the same reason. The platform records the fault for the
 * operator ({@code GET /health}, {@code bundle:diag}).
 */
public class PluginFailureException extends CaseException {
    private static final long serialVersionUID = 1L;
    private final String centerId;
    private final String plugin;
    private final String hook;

    /**
     * @param centerId the center whose plugin failed, never null
     * @param plugin the plugin bundle as {@code symbolic-name version}, never null
     * @param hook the hook that failed, e.g. {@code CaseGuard.checkIntake}, never null
     * @param message the message for the caller, naming center, plugin and hook, without personal data
     */
    public PluginFailureException(String centerId, String plugin, String hook, String message) {
        super(message);
        this.centerId = centerId;
        this.plugin = plugin;
        this.hook = hook;
    }

    /** @return the id of the center whose plugin failed, never null */
    public String centerId() {
        return centerId;
    }

    /** @return the plugin bundle as {@code symbolic-name version}, never null */
    public String plugin() {
        return plugin;
    }

    /** @return the hook that failed, e.g. {@code CaseGuard.checkIntake}, never null */
    public String hook() {
        return hook;
    }
}
