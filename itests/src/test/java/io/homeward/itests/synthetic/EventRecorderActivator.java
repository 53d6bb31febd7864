package io.homeward.itests.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Packaged into a synthetic observer bundle: appends every bundle event of the framework, as
 * {@code <event type> <symbolic name>}, to {@code <homeward.data>/bundle-events.log}, so a test can
 * tell which bundles were stopped, refreshed or restarted.
 */
public class EventRecorderActivator implements BundleActivator {

    public static final String FILE = "bundle-events.log";

    private SynchronousBundleListener listener;

    @Override
    public void start(BundleContext context) {
        Path file = Path.of(context.getProperty("homeward.data"), FILE);
        listener = event -> {
            String line = type(event.getType()) + " " + event.getBundle().getSymbolicName() + "\n";
            try {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        context.addBundleListener(listener);
    }

    @Override
    public void stop(BundleContext context) {
        context.removeBundleListener(listener);
    }

    private static String type(int type) {
        return switch (type) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            case BundleEvent.LAZY_ACTIVATION -> "LAZY_ACTIVATION";
            default -> "EVENT_" + type;
        };
    }
}
