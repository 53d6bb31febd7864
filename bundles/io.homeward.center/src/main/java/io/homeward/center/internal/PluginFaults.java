package io.homeward.center.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The faults of plugin hooks, per plugin bundle ({@code symbolic-name version}): when, which hook for which
 * center, and whether it threw (with the exception type only, never its message, which may quote case data),
 * timed out or was refused. Held in memory: a restart forgets them, the log keeps the history. Thread-safe.
 */
final class PluginFaults {

    /** Faults kept per plugin; beyond that only the total counts on. */
    static final int KEPT = 100;
    /** Faults that {@link #describe} lists one by one, newest first. */
    static final int LISTED = 5;

    /** How a call failed. */
    enum Kind {
        /** the hook threw; the detail is the exception type */
        THREW,
        /** the hook did not return in time; the detail is the time limit */
        TIMED_OUT,
        /** the hook was not called; the detail says why */
        REFUSED
    }

    /** One fault, without personal data. */
    record Fault(Instant time, String centerId, String hook, Kind kind, String detail) {

        String describe() {
            return PluginFaults.describe(centerId, hook, kind, detail);
        }
    }

    /** @return e.g. {@code CaseGuard.checkIntake for center za timed out after 2000 ms} */
    static String describe(String centerId, String hook, Kind kind, String detail) {
        String what = switch (kind) {
            case THREW -> "threw " + detail;
            case TIMED_OUT -> "timed out after " + detail;
            case REFUSED -> "was not called: " + detail;
        };
        return hook + " for center " + centerId + " " + what;
    }

    private static final class Faults {
        /** newest first */
        final Deque<Fault> kept = new ArrayDeque<>();
        long total;
    }

    private final Clock clock;
    private final Map<String, Faults> byPlugin = new TreeMap<>();

    PluginFaults(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a fault now.
     *
     * @return how many faults of this plugin with the same hook and kind fall within the window, this one included
     */
    synchronized int add(String plugin, String centerId, String hook, Kind kind, String detail, Duration window) {
        Faults faults = byPlugin.computeIfAbsent(plugin, p -> new Faults());
        faults.kept.addFirst(new Fault(clock.instant(), centerId, hook, kind, detail));
        if (faults.kept.size() > KEPT) {
            faults.kept.removeLast();
        }
        faults.total++;
        Instant since = clock.instant().minus(window);
        return (int) faults.kept.stream().takeWhile(f -> f.time().isAfter(since))
                .filter(f -> f.hook().equals(hook) && f.kind() == kind).count();
    }

    /**
     * One line per plugin with faults within the window, by plugin name, e.g. {@code io.x 1.0.0: 3 faults in
     * the last 10 min, last: CaseGuard.checkIntake for center za timed out after 2000 ms}.
     */
    synchronized List<String> summaries(Duration window) {
        List<String> lines = new ArrayList<>();
        byPlugin.forEach((plugin, faults) -> {
            int recent = inWindow(faults, window);
            if (recent > 0) {
                lines.add(plugin + ": " + count(recent, faults) + " in the last " + minutes(window) + ", last: "
                        + faults.kept.getFirst().describe());
            }
        });
        return lines;
    }

    /** The plugin's fault counts and its newest faults with their times, for {@code bundle:diag}; empty without faults. */
    synchronized List<String> describe(String plugin, Duration window) {
        Faults faults = byPlugin.get(plugin);
        if (faults == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(count(inWindow(faults, window), faults) + " in the last " + minutes(window) + ", " + faults.total
                + " since the platform started");
        faults.kept.stream().limit(LISTED).forEach(f ->
                lines.add("fault at " + f.time().truncatedTo(ChronoUnit.SECONDS) + ": " + f.describe()));
        return lines;
    }

    private int inWindow(Faults faults, Duration window) {
        Instant since = clock.instant().minus(window);
        return (int) faults.kept.stream().takeWhile(f -> f.time().isAfter(since)).count();
    }

    /** Faults are counted only among the kept ones, so a full record says "at least". */
    private static String count(int recent, Faults faults) {
        boolean more = recent == KEPT && faults.total > KEPT;
        return (more ? "at least " : "") + recent + (recent == 1 ? " fault" : " faults");
    }

    private static String minutes(Duration window) {
        return window.toMinutes() + " min";
    }
}
