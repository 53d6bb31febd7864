package io.homeward.benchmarks;

import io.homeward.itests.ApiClient;
import io.homeward.itests.CaseLoad;
import io.homeward.itests.ChildFocusPlugin;
import io.homeward.itests.HomewardInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Updating a center plugin under load: {@code clients} threads work Child Focus cases over HTTP
 * ({@link CaseLoad}) while {@code plugin:deploy} updates the plugin side by side to a new version, {@code runs}
 * times. Printed per run and as medians: the command's round trip, the requests served and failed while it ran
 * and their rate, beside the rate of the same load over a window without an update (the baseline), and the round
 * trip of {@code plugin:list}, which is what the client process alone costs. Not a test: it asserts nothing about
 * speed. Run with {@code benchmarks/run -Dbenchmark=io.homeward.benchmarks.PluginUpdateBenchmark}.
 */
public final class PluginUpdateBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 5);
    private static final int CLIENTS = Integer.getInteger("clients", 4);
    private static final long BASELINE_MILLIS = Long.getLong("baselineMillis", 3000);

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("homeward-bench");
        System.out.printf(Locale.ROOT, "Homeward plugin update benchmark: %d runs, %d HTTP clients, %d cores%n%n",
                RUNS, CLIENTS, Runtime.getRuntime().availableProcessors());
        List<Double> baselineRates = new ArrayList<>();
        List<Double> updateSeconds = new ArrayList<>();
        List<Double> updateRates = new ArrayList<>();
        List<Double> listSeconds = new ArrayList<>();
        long totalFailed = 0;
        HomewardInstance homeward = HomewardInstance.layOut(work);
        try (homeward) {
            homeward.start();
            command(homeward, "plugin:deploy", ChildFocusPlugin.shipped(homeward).toString());
            CaseLoad load = CaseLoad.start(ApiClient.forCenter(homeward, ChildFocusPlugin.CENTER), ChildFocusPlugin.CENTER, CLIENTS);
            try (load) {
                load.awaitServed(200); // warm-up
                for (int run = 1; run <= RUNS; run++) {
                    Path next = ChildFocusPlugin.version(homeward, work, "0.1." + run, d -> d);

                    long servedBefore = load.served();
                    int failedBefore = load.failures().size();
                    Thread.sleep(BASELINE_MILLIS);
                    double baseline = (load.served() - servedBefore) / (BASELINE_MILLIS / 1e3);
                    long baselineFailed = load.failures().size() - failedBefore;

                    double list = command(homeward, "plugin:list");

                    servedBefore = load.served();
                    failedBefore = load.failures().size();
                    double update = command(homeward, "plugin:deploy", next.toString());
                    long served = load.served() - servedBefore;
                    long failed = load.failures().size() - failedBefore;
                    totalFailed += failed + baselineFailed;

                    baselineRates.add(baseline);
                    updateSeconds.add(update);
                    updateRates.add(served / update);
                    listSeconds.add(list);
                    System.out.printf(Locale.ROOT, "run %d: update to 0.1.%d in %.2f s: %d requests served (%.0f/s), %d failed;"
                            + " baseline %.0f requests/s, %d failed; plugin:list %.2f s%n",
                            run, run, update, served, served / update, failed, baseline, baselineFailed, list);
                }
            }
            load.failures().stream().limit(5).forEach(f -> System.out.println("failed: " + f));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "plugin:deploy round trip (update under load):  median %.2f s%n", FoundationBenchmark.median(updateSeconds));
        System.out.printf(Locale.ROOT, "  baseline plugin:list round trip (client):   median %.2f s%n", FoundationBenchmark.median(listSeconds));
        System.out.printf(Locale.ROOT, "requests served during the update:             median %.0f/s%n", FoundationBenchmark.median(updateRates));
        System.out.printf(Locale.ROOT, "  baseline, same load without an update:      median %.0f/s%n", FoundationBenchmark.median(baselineRates));
        System.out.printf(Locale.ROOT, "failed requests, all runs, update and baseline: %d%n", totalFailed);
    }

    /** Runs an admin command that must succeed; returns its round trip in seconds. */
    private static double command(HomewardInstance homeward, String... command) {
        long start = System.nanoTime();
        HomewardInstance.Result result = homeward.client(command);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
        return seconds;
    }
}
