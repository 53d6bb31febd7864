package io.homeward.provisioning;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Bundle;

/**
 * Takes part in plugin updates made by the {@link PluginService}: objects to a replacement before anything
 * changes, does follow-up work once the new version has taken over (such as moving cases onto a new workflow
 * version), and says what a plugin contributes for {@code plugin:list}.
 *
 * <p>Register implementations as OSGi services (whiteboard). They are called from the provisioning thread, one
 * at a time; they must not start, stop, resolve or refresh bundles, and must not throw: an exception from
 * {@link #checkReplacement} refuses the update, one from the other methods is reported as a note.
 * Messages must not contain personal data.
 */
@ConsumerType
public interface PluginHandler {

    /**
     * What the plugin contributes, each a short phrase, e.g. {@code center child-focus}; empty when it
     * contributes nothing this handler knows of.
     *
     * @param plugin a deployed plugin, in any state but UNINSTALLED, never null
     * @return the phrases, never null
     */
    List<String> contributions(Bundle plugin);

    /**
     * Problems that make {@code replacement} unfit to replace {@code running}, each a readable sentence; empty
     * when the replacement may go ahead. Called after the {@link BundleCheck}s, before the replacement is
     * resolved: read it through {@link Bundle#getEntry(String)} and {@link Bundle#getHeaders()}, never by
     * loading classes. The operator may force the update despite the problems.
     *
     * @param running     the version running now, never null
     * @param replacement the version about to replace it, INSTALLED, never null
     * @return the problems, never null
     */
    List<String> checkReplacement(Bundle running, Bundle replacement);

    /**
     * The replacement has taken over: it is resolved and started, and {@code previous} is still installed (its
     * entries readable) but about to be stopped and uninstalled. Follow-up work failing here cannot undo the
     * update any more; report it in the returned notes.
     *
     * @param previous the version that ran before, never null
     * @param current  the version running now, never null
     * @return notes for the operator, one readable line each, never null
     */
    List<String> replaced(Bundle previous, Bundle current);
}
