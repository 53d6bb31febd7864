package io.homeward.center;

import io.homeward.casemodel.CaseException;
import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one way the platform calls into plugin code (hooks such as {@link io.homeward.casemodel.spi.CaseGuard}).
 * Each call runs under a time limit; a hook that throws or does not return in time fails only the operation
 * that called it, with a {@link CaseException} that says which plugin failed. The fault is remembered and
 * shown in {@code /health} and {@code bundle:diag}. Thread-safe.
 */
@ProviderType
public interface PluginCalls {

    /**
     * Runs plugin code under the time limit.
     *
     * @param centerId the center whose plugin is called, never null
     * @param hook what is called, for messages, e.g. {@code CaseGuard.checkIntake}
     * @param plugin the bundle the code belongs to, as symbolic name and version ({@code io.example 1.0.0}, the
     *        form of {@code io.homeward.provisioning.Requirements.name(Bundle)}), for messages; faults are
     *        recorded under it and {@code bundle:diag} finds them by it
     * @param call the call, never null
     * @return what the call returned
     * @throws io.homeward.casemodel.PluginFailureException when the call throws or exceeds the time limit, or
     *         cannot be made because earlier calls into the plugin are stuck
     */
    <T> T call(String centerId, String hook, String plugin, Supplier<T> call);
}
