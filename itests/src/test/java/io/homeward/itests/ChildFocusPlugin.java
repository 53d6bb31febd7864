package io.homeward.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Versions of the real Child Focus plugin for update tests and benchmarks: the jar the distribution ships, and
 * copies of it with another Bundle-Version and, optionally, a changed declaration.
 */
public final class ChildFocusPlugin {

    public static final String SYMBOLIC_NAME = "io.homeward.center.childfocus";
    public static final String CENTER = "child-focus";
    private static final String DECLARATION = "OSGI-INF/homeward/center.xml";
    /** Written by {@link SyntheticBundle} itself. */
    private static final Set<String> OWN_HEADERS = Set.of("Manifest-Version", "Bundle-ManifestVersion",
            "Bundle-SymbolicName", "Bundle-Version");

    private ChildFocusPlugin() {
    }

    /** The Child Focus jar in the distribution's {@code system/} folder, as the build made it. */
    public static Path shipped(HomewardInstance homeward) throws IOException {
        try (Stream<Path> files = Files.walk(homeward.home.resolve("system/io/homeward/" + SYMBOLIC_NAME))) {
            return files.filter(f -> f.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the distribution holds no " + SYMBOLIC_NAME + " jar"));
        }
    }

    /**
     * Writes a copy of the shipped plugin with another version and the declaration changed by {@code edit}.
     *
     * @return the jar, {@code <folder>/<symbolic name>-<version>.jar}
     */
    public static Path version(HomewardInstance homeward, Path folder, String version, UnaryOperator<String> edit)
            throws IOException {
        try (JarFile shipped = new JarFile(shipped(homeward).toFile())) {
            SyntheticBundle bundle = SyntheticBundle.named(SYMBOLIC_NAME, version);
            for (var header : shipped.getManifest().getMainAttributes().entrySet()) {
                String name = ((Attributes.Name) header.getKey()).toString();
                if (!OWN_HEADERS.contains(name)) {
                    bundle.header(name, (String) header.getValue());
                }
            }
            String declaration = new String(shipped.getInputStream(shipped.getEntry(DECLARATION)).readAllBytes(),
                    StandardCharsets.UTF_8);
            return bundle.resource(DECLARATION, edit.apply(declaration))
                    .writeTo(folder.resolve(SYMBOLIC_NAME + "-" + version + ".jar"));
        }
    }

    /**
     * The declaration with version 2 of the {@code disappearance} workflow instead of version 1: state
     * {@code public-appeal} is renamed {@code appeal-published}, and a migration moves open cases from version 1.
     */
    public static String withDisappearanceVersion2(String declaration) {
        int start = declaration.indexOf("<workflow id=\"disappearance\" version=\"1\">");
        int end = start < 0 ? -1 : declaration.indexOf("</workflow>", start);
        if (end < 0) {
            throw new IllegalStateException("the Child Focus declaration has no disappearance workflow version 1; adapt this fixture");
        }
        String renamed = declaration.substring(start, end).replace("version=\"1\"", "version=\"2\"")
                .replace("\"public-appeal\"", "\"appeal-published\"")
                .replace(" public-appeal\"", " appeal-published\"");
        if (renamed.contains("public-appeal")) {
            throw new IllegalStateException("public-appeal is used in a way this fixture does not rename");
        }
        String v2 = renamed + "  <migration from-version=\"1\">\n        <state from=\"public-appeal\" to=\"appeal-published\"/>\n"
                + "      </migration>\n    ";
        return declaration.substring(0, start) + v2 + declaration.substring(end);
    }
}
