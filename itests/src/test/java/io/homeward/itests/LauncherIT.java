package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher contract of bin/homeward: one instance per data directory, admin files private to
 * the owner, clean stop on SIGTERM, installed features surviving a restart and wiping data/
 * starting afresh.
 */
class LauncherIT {

    @TempDir
    Path folder;

    @Test
    void installedFeaturesSurviveARestartAndASecondRunOnTheSameDataIsRefused() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        try (homeward) {
            homeward.start();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(homeward.data.resolve("admin.token"))));
            assertEquals(0, homeward.client("feature:install", "child-focus").status());

            Process second = new ProcessBuilder(homeward.home.resolve("bin/homeward").toString(), "run",
                    "--data", homeward.data.toString(), "--port", "0").redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), output);
            assertTrue(output.contains("another instance is already running with data directory " + homeward.data), output);

            homeward.stop();
            // 143 = 128 + SIGTERM: the JVM's status after running its shutdown hooks for the signal
            assertEquals(143, homeward.exitValue(), "stops on SIGTERM");
            assertTrue(homeward.log().contains("Homeward stopped"), "the framework stopped before the JVM exited");
            assertFalse(Files.exists(homeward.data.resolve("admin.port")), "the admin endpoint is withdrawn");

            homeward.start();
            assertTrue(homeward.client("feature:list").output().matches("(?s).*child-focus\\s+\\S+\\s+installed.*"));
            assertTrue(homeward.bundleList().contains("io.homeward.center.childfocus"));
        }
    }

    @Test
    void wipingTheDataDirectoryStartsAfresh() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        try (homeward) {
            homeward.start();
            assertEquals(0, homeward.client("feature:install", "child-focus").status());
            homeward.stop();
            deleteTree(homeward.data);

            homeward.start();
            assertTrue(homeward.client("feature:list").output().matches("(?s).*child-focus\\s+\\S+\\s+available.*"));
            assertFalse(homeward.bundleList().contains("io.homeward.center.childfocus"));
        }
    }

    /** Before: after one demo run, a production start on the same data kept the demo users and their password. */
    @Test
    void demoAndProductionNeverShareADataDirectory() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        try (homeward) {
            homeward.start("--demo");
            homeward.stop();
            HomewardInstance.Result production = runOnce(homeward);
            assertEquals(1, production.status(), production.output());
            assertTrue(production.output().contains(homeward.data + " holds a demo deployment"), production.output());

            deleteTree(homeward.data);
            homeward.start();
            homeward.stop();
            HomewardInstance.Result demo = runOnce(homeward, "--demo");
            assertEquals(1, demo.status(), demo.output());
            assertTrue(demo.output().contains("holds the database of a production run"), demo.output());
            homeward.start();
            assertTrue(homeward.client("feature:list").output().contains("boot: complete"), "production still runs");
        }
    }

    /** @return the exit status and output of a run that is expected to end by itself */
    private static HomewardInstance.Result runOnce(HomewardInstance homeward, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(homeward.home.resolve("bin/homeward").toString(), "run",
                "--data", homeward.data.toString(), "--port", "0"));
        command.addAll(List.of(options));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        return new HomewardInstance.Result(run.exitValue(), output);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
