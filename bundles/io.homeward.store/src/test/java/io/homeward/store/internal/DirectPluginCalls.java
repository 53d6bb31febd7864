package io.homeward.store.internal;

import io.homeward.casemodel.PluginFailureException;
import io.homeward.center.PluginCalls;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * {@link PluginCalls} for tests outside OSGi: runs the call in the caller's thread, without a time limit (the
 * platform's implementation, with one, is tested in the center bundle), and turns what it throws into the
 * {@link PluginFailureException} the contract promises. Remembers which hooks were called, for tests that check
 * that the store goes through it.
 */
public final class DirectPluginCalls implements PluginCalls {

    /** The calls made so far, as {@code center hook plugin}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public <T> T call(String centerId, String hook, String plugin, Supplier<T> call) {
        calls.add(centerId + " " + hook + " " + plugin);
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new PluginFailureException(centerId, plugin, hook, "Center '" + centerId + "' cannot serve this "
                    + "request: its plugin " + plugin + " failed in " + hook + ".");
        }
    }
}
