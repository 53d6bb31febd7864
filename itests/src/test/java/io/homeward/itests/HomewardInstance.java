package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A Homeward distribution laid out in a temporary folder and run as a real process through
 * {@code bin/homeward run}, with admin commands sent through {@code bin/homeward client}.
 *
 * <p>The copy shares {@code lib/} and the bundles of {@code system/} with the built distribution
 * (symbolic links) and has its own {@code bin/}, {@code etc/}, {@code features/}, {@code deploy/}
 * and data folder, so a test may add feature repositories and bundles without touching the build.
 */
public final class HomewardInstance implements AutoCloseable {

    /** The result of one {@code bin/homeward client} call. */
    public record Result(int status, String output) {
    }

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    public final Path home;
    public final Path data;
    public final int port;
    private Process process;
    private String javaOptions;

    private HomewardInstance(Path home, Path data, int port) {
        this.home = home;
        this.data = data;
        this.port = port;
    }

    /** Lays out a distribution copy below {@code folder}; nothing runs yet. */
    public static HomewardInstance layOut(Path folder) throws IOException {
        Path built = Path.of(System.getProperty("homeward.dist", "../platform/target/homeward")).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(built.resolve("bin/homeward")),
                "no built distribution at " + built + ": build it with mvn -pl platform -am install");
        Path home = folder.resolve("homeward");
        copyTree(built.resolve("bin"), home.resolve("bin"));
        copyTree(built.resolve("etc"), home.resolve("etc"));
        copyTree(built.resolve("features"), home.resolve("features"));
        Files.createDirectories(home.resolve("deploy"));
        Files.createSymbolicLink(home.resolve("lib"), built.resolve("lib"));
        Files.createDirectories(home.resolve("system"));
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(built.resolve("system"))) {
            for (Path group : groups) {
                Files.createSymbolicLink(home.resolve("system").resolve(group.getFileName().toString()), group);
            }
        }
        return new HomewardInstance(home, folder.resolve("data"), freePort());
    }

    /** Starts {@code bin/homeward run} and waits until boot provisioning is complete. */
    public HomewardInstance start(String... runOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/homeward").toString(), "run",
                "--data", data.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(runOptions));
        Files.createDirectories(data);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling("console.log").toFile()));
        if (javaOptions != null) {
            builder.environment().put("JAVA_OPTS", javaOptions);
        }
        process = builder.start();
        awaitCondition("boot provisioning to complete", BOOT_TIMEOUT, () -> {
            if (!process.isAlive()) {
                fail("Homeward exited with status " + process.exitValue() + "; console:\n" + console());
            }
            return Files.exists(data.resolve("admin.port")) && client("feature:list").output().contains("boot: complete");
        });
        return this;
    }

    /** Sets JVM options of the platform process ({@code JAVA_OPTS} of {@code bin/homeward}) for the next start. */
    public HomewardInstance javaOptions(String options) {
        this.javaOptions = options;
        return this;
    }

    /** Runs {@code bin/homeward client --data DATA args...}. */
    public Result client(String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/homeward").toString(), "client", "--data", data.toString()));
        command.addAll(List.of(args));
        try {
            Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(2, TimeUnit.MINUTES)) {
                client.destroyForcibly();
                fail("client " + args[0] + " did not finish");
            }
            return new Result(client.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code bundle:list}, which must succeed. */
    public String bundleList() {
        Result result = client("bundle:list");
        assertTrue(result.status() == 0, "bundle:list failed: " + result.output());
        return result.output();
    }

    public String log() throws IOException {
        Path log = data.resolve("log/homeward.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public String console() {
        try {
            return Files.readString(data.resolveSibling("console.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the instance with SIGTERM, as {@code bin/homeward stop} does, and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("Homeward did not stop within 90 s of SIGTERM");
            }
        }
    }

    /** Kills the process with SIGKILL, as a power cut or the OOM killer would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Copies a bundle into {@code deploy/}, where the running (or next) instance picks it up. */
    public void deploy(Path bundle) throws IOException {
        Files.copy(bundle, home.resolve("deploy").resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The test probe bundle, built by the io.homeward.itests.probe module. */
    public static Path probeBundle() {
        Path probe = Path.of(System.getProperty("homeward.probe", "../itests/probe/target/io.homeward.itests.probe.jar"));
        assertTrue(Files.isRegularFile(probe), "no probe bundle at " + probe);
        return probe;
    }

    /** Base URI of the instance's HTTP service. */
    public java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Waits until {@code GET /health/ready} answers 200: everything started is ready, demo seeding included. */
    public HomewardInstance awaitReady() {
        ApiClient anonymous = new ApiClient(this);
        awaitCondition("/health/ready 200", Duration.ofSeconds(60), () -> {
            try {
                return anonymous.get("/health/ready").status() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return this;
    }

    public static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Copies a folder tree, keeping file attributes (the launcher script stays executable). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
