package io.homeward.provisioning;

import org.osgi.framework.Bundle;

/** The names under which bundle states are shown to operators, in {@code bundle:list} and {@code /health} alike. */
public final class BundleStates {

    private BundleStates() {
    }

    /** @return the state's name, e.g. {@code ACTIVE}; never null */
    public static String of(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
