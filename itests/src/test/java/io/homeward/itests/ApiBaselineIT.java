package io.homeward.itests;

import static io.homeward.itests.ChildMaven.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the build's API baselining (issue 3, item 6) really fails an incompatible API change. The real
 * root pom and the real case model module are copied into a temporary folder and built by a child Maven through
 * one release cycle: version 1.0.0 is built and published to a release repository; then an incompatible change
 * (a method removed from the {@code @ProviderType} {@code CaseService}, which plugins and other bundles call) is
 * built as 1.0.1-SNAPSHOT without touching the package version, and must fail {@code mvn verify} naming the
 * package and the major version it needs; the same change with the package's major version (and the bundle's)
 * raised must pass against the same baseline.
 *
 * <p>Only the copies change: the test follows the API as it is today, whatever its methods and package
 * versions are.
 */
class ApiBaselineIT {

    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(3);
    private static final String API = "io.homeward.casemodel";
    /** a one-line abstract method declaration, e.g. {@code Optional<Case> find(UUID id);} */
    private static final Pattern METHOD = Pattern.compile("^\\s+[\\w<>?,\\s]+\\s(\\w+)\\([^;{]*\\);\\R", Pattern.MULTILINE);
    private static final Pattern VERSION_ANNOTATION = Pattern.compile("@Version\\(\"(\\d+)\\.(\\d+)\\.(\\d+)\"\\)");

    @TempDir
    Path folder;

    @Test
    void anIncompatibleApiChangeFailsTheBuildUntilThePackageMajorVersionIsRaised() throws Exception {
        Path releases = Files.createDirectories(folder.resolve("releases"));
        ChildMaven maven = new ChildMaven(folder.resolve("maven"), releases);

        // 1.0.0: nothing released before it, so the check only warns; then it is published
        Path release = copyApi("1.0.0");
        ChildMaven.Result first = maven.succeed(release, MAVEN_TIMEOUT, "verify", "-DskipTests");
        assertTrue(first.output().contains("No previous version of io.homeward:" + API), first.tail());
        publish(release.resolve("target/" + API + "-1.0.0.jar"), releases, "1.0.0");

        // 1.0.1-SNAPSHOT: callers of the removed method break, but the package version says "compatible"
        Path broken = copyApi("1.0.1-SNAPSHOT");
        String removed = removeMethodFromCaseService(broken);
        int major = packageMajorVersion(broken);
        ChildMaven.Result refused = maven.run(broken, MAVEN_TIMEOUT, "verify", "-DskipTests");
        assertNotEquals(0, refused.status(), "removing CaseService." + removed
                + " without a major version must fail the build:\n" + refused.tail());
        assertTrue(refused.output().contains("Baseline problems detected"), refused.tail());
        String required = (major + 1) + ".0.0";
        // the report line: "* <package> PACKAGE MAJOR <new> <old> <suggested>"
        Matcher packageLine = Pattern.compile("\\*\\s+" + Pattern.quote(API) + "\\s+PACKAGE\\s+MAJOR\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)")
                .matcher(refused.output());
        assertTrue(packageLine.find(), "the report must flag " + API + " as a major change:\n" + refused.tail());
        assertEquals(required, packageLine.group(3), packageLine.group());
        assertTrue(refused.output().contains("REMOVED") && refused.output().contains(removed + "("), refused.tail());

        // the same change released honestly: package major raised, and the bundle's with it
        Path fixed = copyApi(required + "-SNAPSHOT");
        assertEquals(removed, removeMethodFromCaseService(fixed));
        raisePackageVersion(fixed, required);
        ChildMaven.Result accepted = maven.succeed(fixed, MAVEN_TIMEOUT, "verify", "-DskipTests");
        assertTrue(accepted.output().contains("The baseline version was found to be 1.0.0"), accepted.tail());
        assertTrue(accepted.output().contains("Baseline check succeeded"), accepted.tail());
        String report = Files.readString(fixed.resolve("target/baseline/" + API + "-" + required + "-SNAPSHOT.txt"));
        assertTrue(Pattern.compile("^\\s+" + Pattern.quote(API) + "\\s+PACKAGE\\s+MAJOR\\s+" + Pattern.quote(required),
                Pattern.MULTILINE).matcher(report).find(), report);
    }

    /**
     * Lays out {@code folder/<version>/parent} (the root pom) and {@code folder/<version>/api} (the case model
     * module, main sources only) with the project version set to {@code version}.
     *
     * @return the api folder
     */
    private Path copyApi(String version) throws IOException {
        String current = property("homeward.version");
        Path sources = Path.of(property("homeward.sources"));
        Path base = folder.resolve(version);
        Path parent = Files.createDirectories(base.resolve("parent"));
        Files.writeString(parent.resolve("pom.xml"), replaceFirst(Files.readString(sources.resolve("pom.xml")),
                "<version>" + current + "</version>", "<version>" + version + "</version>"));
        Path module = sources.resolve("bundles/" + API);
        Path api = Files.createDirectories(base.resolve("api"));
        String pom = replaceFirst(Files.readString(module.resolve("pom.xml")),
                "<version>" + current + "</version>", "<version>" + version + "</version>");
        Files.writeString(api.resolve("pom.xml"), replaceFirst(pom, "<relativePath>../../pom.xml</relativePath>",
                "<relativePath>../parent/pom.xml</relativePath>"));
        HomewardInstance.copyTree(module.resolve("src/main"), api.resolve("src/main"));
        return api;
    }

    /** Removes the first one-line method declaration of {@code CaseService}; @return its name */
    private static String removeMethodFromCaseService(Path api) throws IOException {
        Path service = api.resolve("src/main/java/io/homeward/casemodel/CaseService.java");
        String source = Files.readString(service);
        Matcher method = METHOD.matcher(source);
        assertTrue(method.find(), "no one-line method declaration to remove in " + service + ":\n" + source);
        Files.writeString(service, source.substring(0, method.start()) + source.substring(method.end()));
        return method.group(1);
    }

    private static int packageMajorVersion(Path api) throws IOException {
        Matcher version = VERSION_ANNOTATION.matcher(Files.readString(packageInfo(api)));
        assertTrue(version.find(), "no @Version in " + packageInfo(api));
        return Integer.parseInt(version.group(1));
    }

    private static void raisePackageVersion(Path api, String version) throws IOException {
        String info = Files.readString(packageInfo(api));
        Files.writeString(packageInfo(api), VERSION_ANNOTATION.matcher(info).replaceFirst("@Version(\"" + version + "\")"));
    }

    private static Path packageInfo(Path api) {
        return api.resolve("src/main/java/io/homeward/casemodel/package-info.java");
    }

    /** Publishes a release the way a Maven repository holds it: the jar under its version, and the version list. */
    private static void publish(Path jar, Path repository, String version) throws IOException {
        Path artifact = Files.createDirectories(repository.resolve("io/homeward/" + API));
        Files.createDirectories(artifact.resolve(version));
        Files.copy(jar, artifact.resolve(version).resolve(API + "-" + version + ".jar"));
        Files.writeString(artifact.resolve("maven-metadata.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>io.homeward</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <latest>%s</latest>
                    <release>%s</release>
                    <versions><version>%s</version></versions>
                  </versioning>
                </metadata>
                """.formatted(API, version, version, version), StandardCharsets.UTF_8);
    }

    private static String replaceFirst(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertTrue(at >= 0, "'" + target + "' not found");
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
