package io.homeward.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.CaseService;
import io.homeward.center.PluginCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Smoke test of the built store bundle in a real Felix with SCR and Configuration Admin, as the platform runs
 * it: the bundle resolves against nothing but the case-model API, the {@code io.homeward.center} package (here from
 * a synthetic bundle with a pass-through {@link PluginCalls}), SLF4J from the system bundle and the JDK;
 * Flyway finds its migrations inside the bundle; Hibernate boots with the bundle's class loader; a case can be
 * opened and moved through the {@link CaseService} once a center registry shows up; and stopping the framework
 * closes the H2 database (which this test then opens itself to read what the bundle wrote).
 */
class StoreBundleIT {

    private static final String DATABASE_SERVICE = "io.homeward.store.internal.db.Database";
    private static final String CASE_SERVICE = "io.homeward.casemodel.CaseService";
    private static final long TIMEOUT_MS = 60_000;

    @TempDir
    Path folder;

    @Test
    void storeBootsInsideFelixServesCasesAndStopsCleanly() throws Exception {
        Path data = folder.resolve("data");
        Framework framework = startFramework(data);
        BundleContext context = framework.getBundleContext();
        try {
            List<Bundle> platform = new ArrayList<>();
            try (Stream<Path> jars = Files.list(Path.of(System.getProperty("homeward.it.bundles")))) {
                for (Path jar : jars.sorted().toList()) {
                    platform.add(context.installBundle(jar.toUri().toString()));
                }
            }
            platform.add(context.installBundle("reference:" + codeSource(CaseService.class)));
            platform.add(context.installBundle("synthetic:plugin-calls", syntheticBundle("io.homeward.store.itest.plugincalls",
                    SyntheticPluginCallsActivator.class, "io.homeward.center;version=\"1.0.0\"",
                    SyntheticPluginCallsActivator.class, DirectPluginCalls.class, PluginCalls.class)));
            for (Bundle bundle : platform) {
                bundle.start();
            }
            Bundle store = context.installBundle(Path.of(System.getProperty("homeward.store.jar")).toUri().toString());
            assertEquals("io.homeward.store", store.getSymbolicName());
            assertNull(store.getHeaders().get(Constants.EXPORT_PACKAGE), "the store exports nothing");

            long start = System.nanoTime();
            store.start();
            assertEquals(Bundle.ACTIVE, store.getState());
            // "all services": the test's class path has its own copies of these classes, which must not hide them
            ServiceTracker<Object, Object> database = new ServiceTracker<>(context, DATABASE_SERVICE, null);
            database.open(true);
            Object active = database.waitForService(TIMEOUT_MS);
            long bootMillis = (System.nanoTime() - start) / 1_000_000;
            assertNotNull(active, "the database component never became active");
            assertEquals("io.homeward.store.internal.StoreDatabase", active.getClass().getName());
            assertNotSame(getClass().getClassLoader(), active.getClass().getClassLoader(), "loaded by the bundle");
            database.close();
            // again, with the classes of the embedded jars already extracted and the schema up to date
            store.stop();
            start = System.nanoTime();
            store.start();
            database = new ServiceTracker<>(context, DATABASE_SERVICE, null);
            database.open(true);
            assertNotNull(database.waitForService(TIMEOUT_MS), "the database component came back");
            long restartMillis = (System.nanoTime() - start) / 1_000_000;
            database.close();
            System.out.printf("Store bundle start to database ready (Flyway + Hibernate bootstrap) inside Felix: "
                    + "first %d ms, restarted bundle %d ms%n", bootMillis, restartMillis);

            assertNull(context.getAllServiceReferences(CASE_SERVICE, null), "no center registry yet, so no case service");

            Bundle centers = context.installBundle("synthetic:centers", syntheticBundle("io.homeward.store.itest.centers",
                    SyntheticCentersActivator.class, null, SyntheticCentersActivator.class, TestCenters.class));
            centers.start();
            ServiceTracker<Object, Object> caseService = new ServiceTracker<>(context, CASE_SERVICE, null);
            caseService.open(true);
            assertNotNull(caseService.waitForService(TIMEOUT_MS), "the case service appears with a registry");
            caseService.close();

            ServiceReference<?> scenario = context.getServiceReferences(Callable.class.getName(),
                    "(" + SyntheticCentersActivator.SCENARIO + "=true)")[0];
            String outcome = String.valueOf(((Callable<?>) context.getService(scenario)).call());
            String year = Year.now(TestCenters.TEST_ZONE).toString();
            assertEquals("TC-" + year + "-0001 investigating 2 1", outcome);
        } finally {
            framework.stop();
            FrameworkEvent stopped = framework.waitForStop(TIMEOUT_MS);
            assertEquals(FrameworkEvent.STOPPED, stopped.getType(), "the framework stops cleanly");
        }

        // the bundle closed the database: it can be opened again, and holds what the bundle wrote
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("db/homeward") + ";IFEXISTS=TRUE");
                Statement statement = connection.createStatement()) {
            assertEquals("0", single(statement, "select count(*) from \"flyway_schema_history\" where not \"success\""));
            assertEquals("2", single(statement, "select count(*) from \"flyway_schema_history\" where \"version\" in ('1', '2')"));
            assertEquals("1", single(statement, "select count(*) from hw_case"));
            assertEquals("2", single(statement, "select count(*) from hw_timeline_event"));
            assertEquals("2", single(statement, "select count(*) from hw_sla_timer"), "reported started one, investigating another");
        }
    }

    private Framework startFramework(Path data) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, folder.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // as the launcher does: SLF4J lives on the launcher class path and is exported by the system bundle
        String slf4j = System.getProperty("slf4j.version");
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "org.slf4j;version=" + slf4j, "org.slf4j.spi;version=" + slf4j, "org.slf4j.helpers;version=" + slf4j,
                "org.slf4j.event;version=" + slf4j));
        properties.put("homeward.data", data.toString());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(properties);
        framework.start();
        return framework;
    }

    /**
     * Builds a bundle from classes of this module's test class path (and their nested classes): the center
     * registry ({@link SyntheticCentersActivator}, {@link TestCenters}) or, in place of the center registry
     * bundle, its {@code io.homeward.center} package with a {@link PluginCalls} service
     * ({@link SyntheticPluginCallsActivator}). It imports the API packages and exports what it is told to.
     */
    private static InputStream syntheticBundle(String symbolicName, Class<?> activator, String exports,
            Class<?>... classes) throws IOException, URISyntaxException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.BUNDLE_ACTIVATOR, activator.getName());
        main.putValue(Constants.IMPORT_PACKAGE, "io.homeward.casemodel;version=\"[1.0,2)\","
                + "io.homeward.casemodel.center;version=\"[1.0,2)\",io.homeward.casemodel.security;version=\"[1.0,2)\","
                + "org.osgi.framework;version=\"[1.8,2)\"");
        if (exports != null) {
            main.putValue(Constants.EXPORT_PACKAGE, exports);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> type : classes) {
                String folder = type.getPackageName().replace('.', '/');
                Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(location)) {
                    try (Stream<Path> files = Files.list(location.resolve(folder))) {
                        for (Path file : files.toList()) {
                            String name = file.getFileName().toString();
                            if (name.equals(type.getSimpleName() + ".class") || name.startsWith(type.getSimpleName() + "$")) {
                                jar.putNextEntry(new JarEntry(folder + "/" + name));
                                Files.copy(file, jar);
                                jar.closeEntry();
                            }
                        }
                    }
                } else {
                    // a type from a jar (the API of another module): no nested classes needed
                    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                        jar.putNextEntry(new JarEntry(folder + "/" + type.getSimpleName() + ".class"));
                        in.transferTo(jar);
                        jar.closeEntry();
                    }
                }
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), sql);
            return result.getString(1);
        }
    }
}
