package io.homeward.itests.synthetic;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packaged into a synthetic bundle whose start must fail and be rolled back. */
public class ThrowingActivator implements BundleActivator {

    public static final String MESSAGE = "synthetic activator failure";

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
