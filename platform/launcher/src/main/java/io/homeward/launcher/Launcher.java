package io.homeward.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;

/**
 * {@code homeward run}: embeds Felix, installs the startup bundles and blocks until the framework
 * stops. SIGTERM and Ctrl-C stop the framework through a shutdown hook and wait for it, so bundles
 * (the store closing its database above all) finish their deactivation before the JVM exits.
 */
final class Launcher {

    /** How long the shutdown hook waits for bundles to stop before the JVM exits anyway. */
    private static final long STOP_TIMEOUT_MILLIS = 60_000;

    private final RunOptions options;
    /** Counted down once logs are flushed and the lock released, which the shutdown hook waits for. */
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    Launcher(RunOptions options) {
        this.options = options;
    }

    int run() {
        Optional<InstanceLock> lock;
        try {
            lock = InstanceLock.acquire(options.data());
        } catch (IOException e) {
            System.err.println("homeward: cannot use data directory " + options.data() + ": " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        if (lock.isEmpty()) {
            System.err.println("homeward: another instance is already running with data directory "
                    + options.data() + InstanceLock.recordedPid(options.data()).map(p -> " (pid " + p + ")").orElse("")
                    + "; stop it first or choose another --data");
            return Main.EXIT_FAILURE;
        }
        try (InstanceLock held = lock.get()) {
            String mixed = DataMode.check(options.data(), options.demo());
            if (mixed != null) {
                System.err.println("homeward: " + mixed);
                return Main.EXIT_FAILURE;
            }
            Logger log = initLogging();
            try {
                return runFramework(log);
            } finally {
                ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            }
        } catch (IOException e) {
            System.err.println("homeward: " + e.getMessage());
            return Main.EXIT_FAILURE;
        } finally {
            cleanedUp.countDown();
        }
    }

    private int runFramework(Logger log) {
        long started = System.nanoTime();
        Framework framework;
        try {
            Map<String, String> properties = FrameworkConfig.build(options);
            framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                    .newFramework(properties);
            framework.init();
            List<StartupBundles.Entry> startup = StartupBundles.read(options.home().resolve("etc/startup.properties"));
            StartupBundles.install(framework.getBundleContext(), options.home().resolve("system"), startup);
        } catch (IOException | BundleException | RuntimeException e) {
            log.error("Homeward cannot start: {}", e.getMessage(), e);
            return Main.EXIT_FAILURE;
        }
        Thread hook = new Thread(() -> stop(framework, log), "homeward-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            framework.start();
        } catch (BundleException e) {
            log.error("Homeward cannot start the framework: {}", e.getMessage(), e);
            return Main.EXIT_FAILURE;
        }
        log.info("Homeward framework started in {} ms: home {}, data {}, HTTP port {}{}",
                (System.nanoTime() - started) / 1_000_000, options.home(), options.data(), options.port(),
                options.demo() ? ", demo mode" : "");
        try {
            FrameworkEvent event = framework.waitForStop(0);
            if (event.getType() == FrameworkEvent.ERROR) {
                log.error("Homeward framework stopped with an error", event.getThrowable());
                return Main.EXIT_FAILURE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and stops the framework
        }
        log.info("Homeward stopped");
        return 0;
    }

    private void stop(Framework framework, Logger log) {
        log.info("Homeward stopping");
        try {
            framework.stop();
            if (framework.waitForStop(STOP_TIMEOUT_MILLIS).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("Homeward did not stop within {} s; exiting anyway", STOP_TIMEOUT_MILLIS / 1000);
            }
        } catch (BundleException e) {
            log.error("Homeward could not stop the framework cleanly: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // the JVM halts when this hook returns: let the main thread flush the logs and release the lock
        try {
            cleanedUp.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Points logback at {@code etc/logback.xml} with the data directory known, and routes
     * java.util.logging and jboss-logging (Hibernate, embedded in the store bundle) into SLF4J, so
     * every log line ends up on the console and in {@code data/log/}.
     */
    private Logger initLogging() throws IOException {
        Files.createDirectories(options.data().resolve("log"));
        System.setProperty(FrameworkConfig.HOME, options.home().toString());
        System.setProperty(FrameworkConfig.DATA, options.data().toString());
        Path config = options.home().resolve("etc/logback.xml");
        if (Files.isRegularFile(config) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", config.toString());
        }
        System.setProperty("org.jboss.logging.provider", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        pinConsoleAppenders((LoggerContext) LoggerFactory.getILoggerFactory());
        return LoggerFactory.getLogger(Launcher.class);
    }

    /**
     * Binds console appenders to the process's standard output as it is now. Gogo replaces
     * {@code System.out} with a per-thread stream while a command runs, and logback's console
     * appender writes to whatever {@code System.out} is: without this, log lines emitted while an
     * admin command runs would be sent to the admin client instead of the console.
     */
    private static void pinConsoleAppenders(LoggerContext context) {
        PrintStream stdout = System.out;
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
                if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                    console.setOutputStream(stdout);
                }
            }
        }
    }
}
