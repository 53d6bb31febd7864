package io.homeward.center.internal;

import io.homeward.casemodel.HealthCheck;
import io.homeward.casemodel.PluginFailureException;
import io.homeward.center.PluginCalls;
import io.homeward.center.internal.PluginFaults.Kind;
import io.homeward.provisioning.BundleDiagnostics;
import io.homeward.provisioning.Requirements;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every call into plugin code on a thread of its own, so that the caller can give up when the call
 * exceeds the time limit, and remembers the faults.
 *
 * <p><b>Threads.</b> Calls run on one shared pool of at most {@code maxThreads} threads, and at most
 * {@code callsPerPlugin} calls into the same plugin bundle run at once (a bulkhead); further calls wait for a
 * slot within their time limit. Java cannot kill a thread: a timed-out call is interrupted, which ends a hook
 * that sleeps, waits or does interruptible I/O, but a hook that spins or blocks uninterruptibly keeps its
 * thread and its plugin's slot until it returns by itself. So a hanging plugin holds at most
 * {@code callsPerPlugin} threads; once they are all stuck its further calls fail at their time limit without
 * taking any thread, and other plugins keep theirs. The threads are daemons, so stuck ones never hold up a
 * shutdown.
 *
 * <p><b>Health.</b> As the {@code plugins} health check it lists the plugins with faults in the last
 * {@code faultWindowMinutes} but always reports healthy: a faulty plugin fails only its own center's
 * operations, and a node answering 503 would be taken out of a load balancer although it still serves every
 * other center. As a {@link BundleDiagnostics} it shows a plugin's faults in {@code bundle:diag}.
 */
@Component(service = {PluginCalls.class, HealthCheck.class, BundleDiagnostics.class},
        configurationPid = PluginCallsConfiguration.PID)
@Designate(ocd = PluginCallsConfiguration.class)
public final class PluginCallsImpl implements PluginCalls, HealthCheck, BundleDiagnostics {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCallsImpl.class);

    /** The configuration, checked. */
    record Limits(Duration timeLimit, int callsPerPlugin, int maxThreads, Duration faultWindow) {
        Limits {
            if (timeLimit.isNegative() || timeLimit.isZero() || callsPerPlugin < 1 || maxThreads < 1
                    || faultWindow.isNegative() || faultWindow.isZero()) {
                throw new IllegalArgumentException(PluginCallsConfiguration.PID + ": every limit must be positive, got "
                        + timeLimit.toMillis() + " ms, " + callsPerPlugin + " calls per plugin, " + maxThreads
                        + " threads, " + faultWindow.toMinutes() + " min fault window");
            }
        }

        static Limits of(PluginCallsConfiguration config) {
            return new Limits(Duration.ofMillis(config.timeLimitMillis()), config.callsPerPlugin(), config.maxThreads(),
                    Duration.ofMinutes(config.faultWindowMinutes()));
        }
    }

    private final PluginFaults faults;
    /** By plugin name; a new version of a plugin gets its own, so its old version's stuck calls do not count. */
    private final Map<String, Bulkhead> bulkheads = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor threads;
    private volatile Limits limits;

    @Activate
    public PluginCallsImpl(PluginCallsConfiguration config) {
        this(Limits.of(config), Clock.systemUTC());
    }

    PluginCallsImpl(Limits limits, Clock clock) {
        this.limits = limits;
        this.faults = new PluginFaults(clock);
        AtomicInteger count = new AtomicInteger();
        // no queue: a call gets a thread at once or is refused, so it never waits behind a stuck call
        threads = new ThreadPoolExecutor(0, limits.maxThreads(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "homeward-plugin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Modified
    void modified(PluginCallsConfiguration config) {
        // applied in place: re-activating would drop the fault record and restart every bundle that calls plugins
        Limits changed = Limits.of(config);
        threads.setMaximumPoolSize(changed.maxThreads());
        limits = changed;
    }

    @Deactivate
    void close() {
        threads.shutdownNow();
    }

    @Override
    public <T> T call(String centerId, String hook, String plugin, Supplier<T> call) {
        Objects.requireNonNull(centerId, "centerId");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(call, "call");
        Limits current = limits;
        long deadline = System.nanoTime() + current.timeLimit().toNanos();
        Bulkhead bulkhead = bulkheads.computeIfAbsent(plugin, p -> new Bulkhead());
        boolean entered;
        try {
            entered = bulkhead.enter(current.callsPerPlugin(), deadline);
        } catch (InterruptedException e) {
            throw interrupted(centerId, hook, plugin);
        }
        if (!entered) {
            int running = bulkhead.running();
            throw fault(current, centerId, hook, plugin, Kind.REFUSED, running + " earlier calls have not returned",
                    "has " + running + " earlier calls that have not returned, so " + hook + " was not called", null);
        }
        CallTask<T> task = task(call);
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    // only once the hook has really returned: a stuck call keeps its slot
                    bulkhead.leave();
                }
            });
        } catch (RejectedExecutionException e) {
            bulkhead.leave();
            // every thread is taken by slow or stuck calls of several plugins: not this plugin's fault, not recorded
            LOG.warn("Plugin {}: {} for center {} not called: all {} plugin call threads are busy", plugin, hook,
                    centerId, current.maxThreads());
            throw new PluginFailureException(centerId, plugin, hook, "Center '" + centerId
                    + "' cannot serve this request right now: the platform is running as many plugin calls as it"
                    + " allows. Try again shortly.");
        }
        try {
            return task.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw fault(current, centerId, hook, plugin, Kind.THREW, cause.getClass().getName(),
                    "failed in " + hook + " (" + cause.getClass().getSimpleName() + ")", cause.getStackTrace());
        } catch (TimeoutException e) {
            // a hook that returns just as the limit passes used all of it: it counts as timed out too
            StackTraceElement[] where = task.where();
            task.cancel(true);
            long millis = current.timeLimit().toMillis();
            throw fault(current, centerId, hook, plugin, Kind.TIMED_OUT, millis + " ms",
                    "did not answer " + hook + " within " + millis + " ms", where);
        } catch (InterruptedException e) {
            task.cancel(true);
            throw interrupted(centerId, hook, plugin);
        }
    }

    /** The call as a task that runs with the caller's context class loader, as if it ran on the caller's thread. */
    private static <T> CallTask<T> task(Supplier<T> call) {
        ClassLoader callers = Thread.currentThread().getContextClassLoader();
        AtomicReference<Thread> runner = new AtomicReference<>();
        return new CallTask<>(() -> {
            Thread self = Thread.currentThread();
            ClassLoader own = self.getContextClassLoader();
            self.setContextClassLoader(callers);
            runner.set(self);
            try {
                return call.get();
            } finally {
                runner.set(null);
                self.setContextClassLoader(own);
            }
        }, runner);
    }

    private PluginFailureException fault(Limits current, String centerId, String hook, String plugin, Kind kind,
            String detail, String problem, StackTraceElement[] trace) {
        int recent = faults.add(plugin, centerId, hook, kind, detail, current.faultWindow());
        String line = PluginFaults.describe(centerId, hook, kind, detail);
        if (recent == 1 && trace != null && trace.length > 0) {
            // the first such fault in a while gets a stack trace for the plugin's developer; repeats get one line
            // each, so that a plugin failing on every request cannot flood the log
            LOG.warn("Plugin {}: {}", plugin, line, new HookStack(kind == Kind.THREW ? detail + " (message withheld)"
                    : "where the hook was when it timed out", trace));
        } else {
            LOG.warn("Plugin {}: {}", plugin, line);
        }
        return new PluginFailureException(centerId, plugin, hook, "Center '" + centerId
                + "' cannot serve this request: its plugin " + plugin + " " + problem
                + ". The fault is recorded for the platform operator.");
    }

    private static PluginFailureException interrupted(String centerId, String hook, String plugin) {
        Thread.currentThread().interrupt();
        return new PluginFailureException(centerId, plugin, hook, "Center '" + centerId
                + "': the request was interrupted while waiting for its plugin " + plugin + " (" + hook + ").");
    }

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public Result check() {
        Duration window = limits.faultWindow();
        List<String> summaries = faults.summaries(window);
        // healthy by design, see the class comment: the faults are information, not a reason to pull the node
        return new Result(true, summaries.isEmpty() ? "no plugin faults in the last " + window.toMinutes() + " min"
                : String.join("; ", summaries));
    }

    @Override
    public List<String> diagnose(Bundle bundle) {
        return diagnose(Requirements.name(bundle));
    }

    /** @see #diagnose(Bundle) */
    List<String> diagnose(String plugin) {
        Limits current = limits;
        List<String> lines = new ArrayList<>(faults.describe(plugin, current.faultWindow()));
        Bulkhead bulkhead = bulkheads.get(plugin);
        int running = bulkhead == null ? 0 : bulkhead.running();
        if (running > 0) {
            lines.add(running + (running == 1 ? " call" : " calls") + " into it running now, at most " + current.callsPerPlugin()
                    + " at a time (a call past its time limit keeps its thread until the hook returns)");
        }
        return lines;
    }

    /** Counts the calls into one plugin that have not returned yet; a call waits for a slot until its deadline. */
    private static final class Bulkhead {
        private int running;

        synchronized boolean enter(int limit, long deadline) throws InterruptedException {
            while (running >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            running++;
            return true;
        }

        synchronized void leave() {
            running--;
            notifyAll();
        }

        synchronized int running() {
            return running;
        }
    }

    /** A hook's stack frames for the log, without the message of what it threw, which may quote case data. */
    private static final class HookStack extends Throwable {
        private static final long serialVersionUID = 1L;

        HookStack(String what, StackTraceElement[] frames) {
            super(what, null, false, true);
            setStackTrace(frames);
        }
    }

    /** A call that knows the thread running it, to show where a timed-out hook hangs. */
    private static final class CallTask<T> extends FutureTask<T> {
        private final AtomicReference<Thread> runner;

        CallTask(Callable<T> call, AtomicReference<Thread> runner) {
            super(call);
            this.runner = runner;
        }

        /** @return the running hook's stack, null when it is not running */
        StackTraceElement[] where() {
            Thread thread = runner.get();
            return thread == null ? null : thread.getStackTrace();
        }
    }
}
