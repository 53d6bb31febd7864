package io.homeward.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the installation directory. */
final class Home {

    private Home() {
    }

    /**
     * The installation directory: system property {@code homeward.home} (set by {@code bin/homeward}),
     * else the parent of the {@code lib/} folder holding the launcher jar.
     */
    static Path locate() {
        String property = System.getProperty("homeward.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path home = jar.getParent().getParent();
            if (Files.isDirectory(home.resolve("etc"))) {
                return home.toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
