package io.homeward.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a bundle jar in the test: a manifest and, optionally, compiled test classes (e.g. an
 * activator) copied from the test class path.
 */
final class SyntheticBundle {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, String> resources = new LinkedHashMap<>();

    private SyntheticBundle(String symbolicName, String version) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
    }

    static SyntheticBundle named(String symbolicName, String version) {
        return new SyntheticBundle(symbolicName, version);
    }

    SyntheticBundle header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds an activator class, its import of org.osgi.framework included. */
    SyntheticBundle activator(Class<?> activator) {
        classes.add(activator);
        headers.put("Bundle-Activator", activator.getName());
        headers.merge("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"", (a, b) -> a + "," + b);
        return this;
    }

    /** Adds a text file, e.g. a plugin's declaration. */
    SyntheticBundle resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Writes the jar, creating parent folders. */
    Path writeTo(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> main.put(new Attributes.Name(k), v));
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
