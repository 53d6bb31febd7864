package io.homeward.center.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.HealthCheck;
import io.homeward.casemodel.PluginFailureException;
import io.homeward.center.internal.PluginCallsImpl.Limits;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginCallsImplTest {

    private static final String PLUGIN = "io.example.faulty 1.0.0";
    private static final String OTHER = "io.example.good 1.0.0";
    private static final String HOOK = "CaseGuard.checkIntake";
    private static final Duration LIMIT = Duration.ofMillis(500);

    private final MutableClock clock = new MutableClock();
    private final PluginCallsImpl calls = new PluginCallsImpl(new Limits(LIMIT, 2, 4, Duration.ofMinutes(10)), clock);
    /** Released at the end of each test, so that no hook outlives it. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void releaseHooks() {
        release.countDown();
        callers.shutdownNow();
        calls.close();
    }

    @Test
    void aHookThatReturnsGivesItsResultThroughOnAnotherThread() {
        Thread caller = Thread.currentThread();

        String ran = calls.call("za", HOOK, PLUGIN, () -> Thread.currentThread() == caller ? "caller" : "pool");

        assertEquals("pool", ran);
        assertEquals(new HealthCheck.Result(true, "no plugin faults in the last 10 min"), calls.check());
    }

    @Test
    void aHookRunsWithTheCallersContextClassLoader() throws Exception {
        Supplier<ClassLoader> hook = () -> Thread.currentThread().getContextClassLoader();
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        assertSame(own, calls.call("za", HOOK, PLUGIN, hook));
        Thread.sleep(100); // the pool thread is idle again and takes the next call
        ClassLoader callers = new URLClassLoader(new URL[0], null);
        Thread.currentThread().setContextClassLoader(callers);
        try {
            assertSame(callers, calls.call("za", HOOK, PLUGIN, hook));
        } finally {
            Thread.currentThread().setContextClassLoader(own);
        }
    }

    @Test
    void aHookThatThrowsFailsTheCallNamingCenterPluginAndHookButNotTheMessage() {
        PluginFailureException e = assertThrows(PluginFailureException.class, () -> calls.call("za", HOOK, PLUGIN,
                () -> { throw new IllegalStateException("child Jane Doe born 2011-03-02"); }));

        assertEquals("Center 'za' cannot serve this request: its plugin io.example.faulty 1.0.0 failed in "
                + "CaseGuard.checkIntake (IllegalStateException). The fault is recorded for the platform operator.",
                e.getMessage());
        assertEquals("za", e.centerId());
        assertEquals(PLUGIN, e.plugin());
        assertEquals(HOOK, e.hook());
        assertEquals(null, e.getCause(), "the plugin's exception may carry case data");
        List<String> diag = calls.diagnose(PLUGIN);
        assertEquals("1 fault in the last 10 min, 1 since the platform started", diag.get(0));
        assertEquals("fault at " + clock.now + ": CaseGuard.checkIntake for center za threw java.lang.IllegalStateException",
                diag.get(1));
        assertFalse(String.join("\n", diag).contains("Jane"));
    }

    @Test
    void aHookThatHangsFailsTheCallAtTheTimeLimitAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();

        PluginFailureException e = assertThrows(PluginFailureException.class, () -> calls.call("za", HOOK, PLUGIN, () -> {
            try {
                release.await();
            } catch (InterruptedException stop) {
                interrupted.countDown();
            }
            return "late";
        }));

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis >= LIMIT.toMillis() && millis < LIMIT.toMillis() + 5000, "failed after " + millis + " ms");
        assertTrue(e.getMessage().contains("its plugin io.example.faulty 1.0.0 did not answer CaseGuard.checkIntake within 500 ms"),
                e.getMessage());
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the hook's thread is interrupted");
        assertEquals("fault at " + clock.now + ": CaseGuard.checkIntake for center za timed out after 500 ms",
                calls.diagnose(PLUGIN).get(1));
    }

    @Test
    void aPluginStuckInAllItsSlotsFailsAtTheTimeLimitWhileOtherPluginsGoOn() throws Exception {
        // two calls that ignore interruption fill the plugin's two slots for good
        List<Future<?>> stuck = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            stuck.add(callers.submit(() -> calls.call("za", HOOK, PLUGIN, uninterruptible())));
        }
        for (Future<?> call : stuck) {
            Exception e = assertThrows(Exception.class, () -> call.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof PluginFailureException, String.valueOf(e));
        }

        long start = System.nanoTime();
        PluginFailureException refused = assertThrows(PluginFailureException.class,
                () -> calls.call("za", HOOK, PLUGIN, () -> "never runs"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(millis >= LIMIT.toMillis() && millis < LIMIT.toMillis() + 5000, "refused after " + millis + " ms");
        assertTrue(refused.getMessage().contains("has 2 earlier calls that have not returned, so CaseGuard.checkIntake was not called"),
                refused.getMessage());
        assertEquals("ok", calls.call("be", HOOK, OTHER, () -> "ok"), "another plugin still has threads");
        List<String> diag = calls.diagnose(PLUGIN);
        assertEquals("3 faults in the last 10 min, 3 since the platform started", diag.get(0));
        assertTrue(diag.contains("fault at " + clock.now + ": CaseGuard.checkIntake for center za was not called: "
                + "2 earlier calls have not returned"), diag.toString());
        assertEquals("2 calls into it running now, at most 2 at a time (a call past its time limit keeps its thread "
                + "until the hook returns)", diag.get(diag.size() - 1));

        release.countDown();
        await(() -> calls.diagnose(PLUGIN).size() == diag.size() - 1, "the stuck calls to return");
        assertEquals("ok", calls.call("za", HOOK, PLUGIN, () -> "ok"), "the slots are free again once the hooks return");
    }

    @Test
    void whenEveryThreadIsTakenFurtherCallsFailAtOnceWithoutBlamingTheirPlugin() throws Exception {
        // four threads in all, two per plugin: two stuck plugins take every thread
        for (String plugin : List.of("io.a 1.0.0", "io.b 1.0.0")) {
            for (int i = 0; i < 2; i++) {
                callers.submit(() -> calls.call("za", HOOK, plugin, uninterruptible()));
            }
        }
        await(() -> calls.diagnose("io.a 1.0.0").get(0).startsWith("2 faults")
                && calls.diagnose("io.b 1.0.0").get(0).startsWith("2 faults"), "all four calls to time out");

        long start = System.nanoTime();
        PluginFailureException e = assertThrows(PluginFailureException.class, () -> calls.call("be", HOOK, OTHER, () -> "ok"));

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < LIMIT.toMillis(), "fails at once");
        assertTrue(e.getMessage().contains("the platform is running as many plugin calls as it allows"), e.getMessage());
        assertTrue(calls.diagnose(OTHER).isEmpty(), "not a fault of the plugin called");
    }

    @Test
    void theHealthCheckStaysHealthyAndListsOnlyRecentFaults() {
        assertThrows(PluginFailureException.class, () -> calls.call("za", HOOK, PLUGIN, () -> { throw new IllegalStateException(); }));
        assertThrows(PluginFailureException.class, () -> calls.call("za", "CaseGuard.checkAction", PLUGIN, () -> { throw new ArithmeticException(); }));

        HealthCheck.Result now = calls.check();
        assertTrue(now.healthy(), "a faulty plugin must not take the node out of a load balancer");
        assertEquals("io.example.faulty 1.0.0: 2 faults in the last 10 min, last: CaseGuard.checkAction for center za "
                + "threw java.lang.ArithmeticException", now.detail());

        clock.advance(Duration.ofMinutes(11));
        assertEquals(new HealthCheck.Result(true, "no plugin faults in the last 10 min"), calls.check());
        assertEquals("0 faults in the last 10 min, 2 since the platform started", calls.diagnose(PLUGIN).get(0),
                "bundle:diag still shows older faults");
    }

    @Test
    void aChangedTimeLimitAppliesToTheNextCall() {
        PluginCallsConfiguration shorter = new PluginCallsConfiguration() {
            @Override public Class<PluginCallsConfiguration> annotationType() { return PluginCallsConfiguration.class; }
            @Override public int timeLimitMillis() { return 50; }
            @Override public int callsPerPlugin() { return 2; }
            @Override public int maxThreads() { return 4; }
            @Override public int faultWindowMinutes() { return 10; }
        };
        calls.modified(shorter);

        PluginFailureException e = assertThrows(PluginFailureException.class,
                () -> calls.call("za", HOOK, PLUGIN, () -> { sleep(Duration.ofSeconds(5)); return "late"; }));

        assertTrue(e.getMessage().contains("within 50 ms"), e.getMessage());
    }

    @Test
    void limitsThatAreNotPositiveAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(Duration.ZERO, 2, 4, Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> new Limits(LIMIT, 0, 4, Duration.ofMinutes(10)));
    }

    /** A hook that does not react to interruption, until the test releases it. */
    private Supplier<String> uninterruptible() {
        return () -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // as a badly written plugin would
                }
            }
            return "late";
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls a condition for up to five seconds. */
    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-05-04T10:15:30Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
