package io.homeward.benchmarks;

import io.homeward.itests.ApiClient;
import io.homeward.itests.HomewardInstance;
import io.homeward.itests.RunawayCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Case intake over HTTP beside its baselines from the same run, {@code runs} times: {@code clients} concurrent
 * clients each POST Child Focus intakes to {@code /api/v1/cases} (authenticated with a bearer token, as integrations
 * are) — cases per second and the p50/p99 latency of one intake — then intake through the {@code CaseService}
 * inside the framework (the probe, as {@link FoundationBenchmark} measures it) and raw JDBC inserts of the same rows
 * into the same H2 database file. Not a test: it asserts nothing about speed. Run with
 * {@code benchmarks/run -Dbenchmark=io.homeward.benchmarks.HttpIntakeBenchmark [-Druns=3 -Dcases=2000 -Dclients=4]}.
 */
public final class HttpIntakeBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final int CLIENTS = Integer.getInteger("clients", 4);
    private static final int WARM_UP = 100;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("homeward-bench");
        System.out.printf(Locale.ROOT, "Homeward intake over HTTP: %d runs, %d cases per run, %d HTTP clients, service"
                + " level with %d threads, %d cores%n%n", RUNS, FoundationBenchmark.CASES, CLIENTS,
                FoundationBenchmark.THREADS, Runtime.getRuntime().availableProcessors());
        List<Double> http = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> service = new ArrayList<>();
        List<Double> jdbc = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            HomewardInstance homeward = HomewardInstance.layOut(work.resolve("run" + run));
            homeward.deploy(HomewardInstance.probeBundle());
            FoundationBenchmark.coldBoot(homeward);
            ApiClient api = ApiClient.forCenter(homeward, RunawayCases.CENTER);
            intake(api, WARM_UP, CLIENTS);
            Result result = intake(api, FoundationBenchmark.CASES, CLIENTS);
            service.add(FoundationBenchmark.serviceIntake(homeward));
            homeward.stop();
            jdbc.add(FoundationBenchmark.rawJdbc(homeward.data.resolve("db/homeward"), 1));
            http.add(result.rate());
            p50.add(result.percentile(50));
            p99.add(result.percentile(99));
            System.out.printf(Locale.ROOT, "run %d: HTTP %.0f cases/s (p50 %.1f ms, p99 %.1f ms), service %.0f cases/s,"
                    + " JDBC %.0f cases/s%n", run, http.get(run - 1), p50.get(run - 1), p99.get(run - 1),
                    service.get(run - 1), jdbc.get(run - 1));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "case intake over HTTP (%d clients):       median %.0f cases/s, p50 %.1f ms, p99 %.1f ms%n",
                CLIENTS, FoundationBenchmark.median(http), FoundationBenchmark.median(p50), FoundationBenchmark.median(p99));
        System.out.printf(Locale.ROOT, "  baseline CaseService (%d threads):      median %.0f cases/s%n",
                FoundationBenchmark.THREADS, FoundationBenchmark.median(service));
        System.out.printf(Locale.ROOT, "  baseline raw JDBC, 1 case per tx:      median %.0f cases/s%n",
                FoundationBenchmark.median(jdbc));
    }

    /** Latencies of the intakes of one run, in milliseconds, and the rate over the whole run. */
    private record Result(List<Double> millis, double rate) {
        double percentile(int p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    /** Opens {@code count} cases from {@code clients} threads over HTTP; any answer but 201 fails the benchmark. */
    private static Result intake(ApiClient api, int count, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<List<Double>>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                List<Double> millis = new ArrayList<>();
                while (next.getAndIncrement() < count) {
                    long sent = System.nanoTime();
                    ApiClient.Response created = api.post("/api/v1/cases", RunawayCases.intake("Bench"));
                    millis.add((System.nanoTime() - sent) / 1e6);
                    if (created.status() != 201) {
                        throw new IllegalStateException("intake answered " + created.status() + ": " + created.body());
                    }
                }
                return millis;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> worker : workers) {
            all.addAll(worker.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(all, count / seconds);
    }
}
