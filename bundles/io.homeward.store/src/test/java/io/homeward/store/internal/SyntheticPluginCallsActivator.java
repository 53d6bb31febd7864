package io.homeward.store.internal;

import io.homeward.center.PluginCalls;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Activator of the synthetic bundle that {@link StoreBundleIT} builds in place of the center registry bundle's
 * {@code io.homeward.center} package: it registers {@link DirectPluginCalls} as the {@link PluginCalls} service
 * that the store's case service requires.
 */
public class SyntheticPluginCallsActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(PluginCalls.class, new DirectPluginCalls(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // services are unregistered by the framework
    }
}
