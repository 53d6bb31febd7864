package io.homeward.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The fixed set of bundles the launcher installs before provisioning takes over, listed in
 * {@code etc/startup.properties} as {@code path-in-system = start-level}, the path in Maven
 * repository layout below {@code system/}. Everything else is installed by io.homeward.provisioning
 * from features.
 */
final class StartupBundles {

    record Entry(String path, int startLevel) {
    }

    private StartupBundles() {
    }

    static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            try {
                if (eq < 0) {
                    throw new NumberFormatException();
                }
                entries.add(new Entry(trimmed.substring(0, eq).trim(),
                        Integer.parseInt(trimmed.substring(eq + 1).trim())));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNumber + ": expected 'path/in/system.jar = start-level'");
            }
        }
        entries.sort(Comparator.comparingInt(Entry::startLevel));
        return entries;
    }

    /** Installs and marks for start every entry; the framework starts them as it reaches their level. */
    static void install(BundleContext context, Path system, List<Entry> entries) throws IOException, BundleException {
        for (Entry entry : entries) {
            Path jar = system.resolve(entry.path());
            if (!Files.isRegularFile(jar)) {
                throw new IOException("startup bundle not found: " + jar);
            }
            Bundle bundle;
            try (InputStream in = Files.newInputStream(jar)) {
                bundle = context.installBundle(jar.toUri().toString(), in);
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            if (bundle.getHeaders().get("Fragment-Host") == null) {
                bundle.start();
            }
        }
    }
}
