package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Maven run as a child process, the way an integrator runs it, from inside a test.
 *
 * <p>The child has a local repository of its own, empty but for the artifacts a test {@linkplain #put puts}
 * there (what this reactor built: {@code mvn verify} installs nothing, and an older install in the user's
 * repository must not stand in for the jars under test). Every other artifact comes from the user's local
 * repository, read as a {@code file:} remote that replaces Maven Central: nothing is downloaded, and the
 * child needs only plugins and libraries that the build running the test has resolved already.
 */
final class ChildMaven {

    /** The result of one run: exit status and everything Maven printed. */
    record Result(int status, String output) {
        /** The output's last lines, enough to see why a build failed. */
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    private final Path folder;
    private final Path localRepository;
    private final Path settings;
    private int runs;

    /**
     * @param folder a fresh folder for the local repository, settings and logs
     * @param releaseRepositories further {@code file:} repositories to read from, e.g. a project's release repository
     */
    ChildMaven(Path folder, Path... releaseRepositories) throws IOException {
        this.folder = folder;
        this.localRepository = Files.createDirectories(folder.resolve("repository"));
        this.settings = folder.resolve("settings.xml");
        Path userRepository = Path.of(property("homeward.user.repository"));
        StringBuilder repositories = new StringBuilder(repository("central", userRepository, "daily"));
        StringBuilder pluginRepositories = new StringBuilder(
                repository("central", userRepository, "daily").replace("repository>", "pluginRepository>"));
        for (int i = 0; i < releaseRepositories.length; i++) {
            // a test publishes into these between runs: Maven must not remember that a version list was missing
            repositories.append(repository("releases-" + i, releaseRepositories[i], "always"));
        }
        // the user's repository keeps no checksum files for what Maven installed there itself: do not warn about them
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles>
                    <profile>
                      <id>offline-from-user-repository</id>
                      <repositories>%s</repositories>
                      <pluginRepositories>%s</pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>offline-from-user-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(localRepository, repositories, pluginRepositories), StandardCharsets.UTF_8);
    }

    private static String repository(String id, Path directory, String updatePolicy) {
        return """
                <repository><id>%s</id><url>%s</url>
                  <releases><updatePolicy>%s</updatePolicy><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>""".formatted(id, directory.toUri(), updatePolicy);
    }

    /** Puts a file into the child's local repository as {@code groupId:artifactId:extension:version}. */
    void put(Path file, String groupId, String artifactId, String version, String extension) throws IOException {
        assertTrue(Files.isRegularFile(file), "no " + file + " to put into the child's repository");
        Path directory = Files.createDirectories(
                localRepository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version));
        Files.copy(file, directory.resolve(artifactId + "-" + version + "." + extension), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Runs {@code mvn -B -s <settings> args...} in {@code directory} and waits for it.
     *
     * @return the exit status and output; the output is also kept in {@code maven-N.log} beside the repository
     */
    Result run(Path directory, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(property("maven.home"), "bin", "mvn").toString(),
                "-B", "-s", settings.toString()));
        command.addAll(List.of(args));
        Path log = folder.resolve("maven-" + ++runs + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the build running this test may have been given options (-o, profiles) meant for it, not for the child
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        Process maven = builder.start();
        if (!maven.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor();
            fail("mvn " + String.join(" ", args) + " did not finish within " + timeout.toSeconds() + " s; log: " + log);
        }
        return new Result(maven.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Runs Maven and fails the test, showing the end of the log, unless the build succeeds. */
    Result succeed(Path directory, Duration timeout, String... args) throws IOException, InterruptedException {
        Result result = run(directory, timeout, args);
        assertTrue(result.status() == 0, "mvn " + String.join(" ", args) + " failed in " + directory + ":\n" + result.tail());
        return result;
    }

    /** A path or value the itests pom passes to the test JVM. */
    static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set: run through mvn verify");
        return value;
    }
}
