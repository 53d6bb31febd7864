package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.homeward.itests.HomewardInstance.Result;
import io.homeward.itests.synthetic.EventRecorderActivator;
import io.homeward.itests.synthetic.ThrowingActivator;

/**
 * Provisioning against the built distribution, run as a real process: broken features and bundles
 * are refused with a readable reason and leave the deployment exactly as it was; a dry run changes
 * nothing; a plugin comes and goes without touching the core.
 */
class ProvisioningIT {

    /** Synthetic bundles live in system/ under this group. */
    private static final String GROUP = "io.homeward.itests.synthetic";

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    /** Reads centers over HTTP; created at first use, once the platform runs. */
    private static ApiClient api;

    @BeforeAll
    static void startPlatformWithTestFeatures() throws IOException {
        homeward = HomewardInstance.layOut(folder);
        Path system = homeward.home.resolve("system/io/homeward/itests/synthetic");
        SyntheticBundle.named("io.example.bad", "1.0.0")
                .header("Import-Package", "org.nowhere;version=\"[1.0,2)\"")
                .writeTo(system.resolve("io.example.bad/1.0.0/io.example.bad-1.0.0.jar"));
        SyntheticBundle.named("io.example.good", "1.0.0")
                .writeTo(system.resolve("io.example.good/1.0.0/io.example.good-1.0.0.jar"));
        SyntheticBundle.named("io.example.boom", "1.0.0").activator(ThrowingActivator.class)
                .writeTo(system.resolve("io.example.boom/1.0.0/io.example.boom-1.0.0.jar"));
        SyntheticBundle.named("io.example.plugin", "1.0.0")
                .header("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"")
                .writeTo(system.resolve("io.example.plugin/1.0.0/io.example.plugin-1.0.0.jar"));
        SyntheticBundle.named("io.example.brokenplugin", "1.0.0")
                .header("Homeward-Center", "OSGI-INF/homeward/center.xml")
                .resource("OSGI-INF/homeward/center.xml", BROKEN_DECLARATION)
                .writeTo(system.resolve("io.example.brokenplugin/1.0.0/io.example.brokenplugin-1.0.0.jar"));
        SyntheticBundle.named("io.example.observer", "1.0.0").activator(EventRecorderActivator.class)
                .writeTo(system.resolve("io.example.observer/1.0.0/io.example.observer-1.0.0.jar"));
        Files.writeString(homeward.home.resolve("features/test-features.xml"), """
                <features name="itests" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="missing-bundle" version="1.0.0">
                    <bundle>mvn:%1$s/io.example.not-there/1.0.0</bundle>
                  </feature>
                  <feature name="unresolvable" version="1.0.0">
                    <bundle>mvn:%1$s/io.example.good/1.0.0</bundle>
                    <bundle>mvn:%1$s/io.example.bad/1.0.0</bundle>
                  </feature>
                  <feature name="throwing" version="1.0.0">
                    <bundle start-level="81">mvn:%1$s/io.example.good/1.0.0</bundle>
                    <bundle start-level="82">mvn:%1$s/io.example.boom/1.0.0</bundle>
                    <config name="io.example.boom">greeting = hello</config>
                  </feature>
                  <feature name="plugin" version="1.0.0">
                    <bundle>mvn:%1$s/io.example.plugin/1.0.0</bundle>
                    <config name="io.example.plugin">answer = 42</config>
                  </feature>
                  <feature name="broken-plugin" version="1.0.0">
                    <bundle>mvn:%1$s/io.example.brokenplugin/1.0.0</bundle>
                  </feature>
                  <feature name="observer" version="1.0.0">
                    <bundle>mvn:%1$s/io.example.observer/1.0.0</bundle>
                  </feature>
                </features>
                """.formatted(GROUP), StandardCharsets.UTF_8);
        homeward.start();
    }

    /** A center declaration with one mistake on line 9: an action towards a state that does not exist. */
    private static final String BROKEN_DECLARATION = """
            <?xml version="1.0" encoding="UTF-8"?>
            <centers xmlns="urn:homeward:center:1.0">
              <center id="za" name="Missing Children South Africa" country="ZA">
                <language code="en"/>
                <case-number pattern="ZA-{yyyy}-{seq:4}"/>
                <category id="runaway" case-type="RUNAWAY" workflow="missing"><label lang="en">Runaways</label></category>
                <workflow id="missing" version="1">
                  <state id="open" initial="true"><label lang="en">Open</label></state>
                  <action id="close" from="open" to="done"><label lang="en">Close</label></action>
                </workflow>
              </center>
            </centers>
            """.strip();

    @AfterAll
    static void stopPlatform() throws InterruptedException {
        if (homeward != null) {
            homeward.stop();
        }
    }

    @Test
    void featureNamingABundleMissingFromSystemIsRefusedAndChangesNothing() {
        String before = homeward.bundleList();

        Result result = homeward.client("feature:install", "missing-bundle");

        assertEquals(1, result.status(), result.output());
        assertTrue(result.output().contains("bundle mvn:" + GROUP + "/io.example.not-there/1.0.0 is not in the system repository"), result.output());
        assertTrue(result.output().contains("looked for " + homeward.home.resolve("system/io/homeward/itests/synthetic/io.example.not-there/1.0.0/io.example.not-there-1.0.0.jar")), result.output());
        assertUnchanged(before);
    }

    @Test
    void bundleWithUnsatisfiableImportIsRefusedInOneReadableLine() {
        String before = homeward.bundleList();

        Result result = homeward.client("feature:install", "unresolvable");

        assertEquals(1, result.status(), result.output());
        assertEquals("io.example.bad 1.0.0 cannot resolve: missing package org.nowhere [1.0.0,2.0.0)", result.output().strip());
        assertUnchanged(before);
    }

    @Test
    void bundleWhoseActivatorThrowsIsRolledBackWithItsFeature() {
        String before = homeward.bundleList();

        Result result = homeward.client("feature:install", "throwing");

        assertEquals(1, result.status(), result.output());
        assertEquals("io.example.boom 1.0.0 failed to start: IllegalStateException: " + ThrowingActivator.MESSAGE,
                result.output().strip());
        assertFalse(result.output().contains("\tat "), "no stack trace for the operator");
        assertUnchanged(before);
        // the good bundle started before the failing one is gone again, and so is the configuration
        assertFalse(homeward.client("feature:list").output().matches("(?s).*throwing\\s+1.0.0\\s+installed.*"));
        assertEquals(1, homeward.client("bundle:diag", "io.example.good").status());
    }

    @Test
    void pluginWithADeclarationErrorIsRefusedWithFileAndLine() {
        String before = homeward.bundleList();

        Result result = homeward.client("feature:install", "broken-plugin");

        assertEquals(1, result.status(), result.output());
        assertTrue(result.output().contains("io.example.brokenplugin 1.0.0"), result.output());
        assertTrue(result.output().contains("OSGI-INF/homeward/center.xml:9:"), result.output());
        assertTrue(result.output().contains("action 'close' goes to unknown state 'done'"), result.output());
        assertUnchanged(before);
        assertEquals(404, centerStatus("za"));
    }

    @Test
    void corruptJarDroppedIntoDeployIsRefusedWithAReason() throws IOException {
        String before = homeward.bundleList();
        Path jar = homeward.home.resolve("deploy/corrupt.jar");

        Files.write(jar, "this is not a zip file".getBytes(StandardCharsets.US_ASCII));
        HomewardInstance.awaitCondition("the corrupt jar to be refused", Duration.ofSeconds(30),
                () -> logContains("Refused deploy/corrupt.jar: not a readable jar file"));

        assertUnchanged(before);
        Files.delete(jar);
    }

    @Test
    void dryRunPrintsTheChangeSetAndChangesNothing() {
        String before = homeward.bundleList();

        Result result = homeward.client("feature:install", "--dry-run", "plugin");

        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().startsWith("Dry run, nothing changed."), result.output());
        assertTrue(result.output().contains("install bundle mvn:" + GROUP + "/io.example.plugin/1.0.0"), result.output());
        assertTrue(result.output().contains("start bundle mvn:" + GROUP + "/io.example.plugin/1.0.0"), result.output());
        assertTrue(result.output().contains("create configuration io.example.plugin"), result.output());
        assertUnchanged(before);
        assertTrue(homeward.client("feature:list").output().matches("(?s).*\\bplugin\\s+1.0.0\\s+available.*"));
    }

    @Test
    void installingAndUninstallingAPluginNeverStopsOrRefreshesTheCore() throws IOException {
        assertEquals(0, homeward.client("feature:install", "observer").status());
        String before = homeward.bundleList();
        Path events = homeward.data.resolve(EventRecorderActivator.FILE);
        Files.deleteIfExists(events);

        Result install = homeward.client("feature:install", "plugin");
        String during = homeward.bundleList();
        Result uninstall = homeward.client("feature:uninstall", "plugin");

        assertEquals(0, install.status(), install.output());
        assertEquals(0, uninstall.status(), uninstall.output());
        assertTrue(during.contains("ACTIVE      80    io.example.plugin 1.0.0"), during);
        List<String> recorded = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertEquals(List.of("INSTALLED io.example.plugin", "RESOLVED io.example.plugin", "STARTING io.example.plugin",
                "STARTED io.example.plugin", "STOPPING io.example.plugin", "STOPPED io.example.plugin",
                "UNRESOLVED io.example.plugin", "UNINSTALLED io.example.plugin"), recorded,
                "only the plugin's own events: no core bundle stopped, refreshed or restarted");
        assertUnchanged(before);
        assertEquals(0, homeward.client("feature:uninstall", "observer").status());
    }

    private static void assertUnchanged(String before) {
        assertEquals(before, homeward.bundleList(), "bundle:list must show exactly the deployment from before");
        assertTrue(homeward.isRunning(), "the platform stays up");
    }

    private static int centerStatus(String id) {
        try {
            if (api == null) {
                api = ApiClient.forCenter(homeward, "child-focus");
            }
            return api.get("/api/v1/centers/" + id).status();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean logContains(String text) {
        try {
            return homeward.log().contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
