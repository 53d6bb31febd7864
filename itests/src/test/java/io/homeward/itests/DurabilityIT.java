package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No acknowledged case is lost when the process dies: clients create cases over HTTP while the platform is
 * killed with SIGKILL; after a restart every case answered with 201 is there, with no duplicate numbers.
 */
class DurabilityIT {

    private static final int ROUNDS = 3;
    private static final int WRITERS = 4;
    /** Acknowledged cases to wait for before pulling the plug, so that the kill lands mid-stream. */
    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path folder;

    @Test
    void everyAcknowledgedCaseSurvivesKillDashNine() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (homeward) {
            homeward.start("--features", "child-focus");
            for (int round = 1; round <= ROUNDS; round++) {
                int before = acknowledged.size();
                int failedAfterKill = writeUntilKilled(homeward, acknowledged);
                int acked = acknowledged.size() - before;
                System.out.printf("round %d: %d cases acknowledged before kill -9, %d requests cut off%n", round, acked, failedAfterKill);
                assertTrue(acked >= ACKS_BEFORE_KILL, "round " + round + ": only " + acked + " cases acknowledged");

                homeward.start();
                ApiClient api = ApiClient.forCenter(homeward, "child-focus");
                for (String id : acknowledged) {
                    ApiClient.Response read = api.get("/api/v1/cases/" + id);
                    int r = round;
                    // a 500 is no loss but a failure to read: say what the platform logged, for whoever diagnoses it
                    assertEquals(200, read.status(), () -> "acknowledged case " + id + " is lost after round " + r
                            + (read.status() == 404 ? "" : ": " + read.body() + "\nlast log lines:\n"
                                    + tail(homeward)));
                }
                ApiClient.Response all = api.get("/api/v1/cases?center=child-focus&limit=500");
                long total = all.body().get("total").asLong();
                // cut-off requests may or may not have committed, but never more than were in flight
                assertTrue(total >= acknowledged.size() && total <= acknowledged.size() + (long) round * WRITERS,
                        "round " + round + ": " + total + " stored for " + acknowledged.size() + " acknowledged");
                Set<String> numbers = new HashSet<>();
                all.body().get("items").forEach(c -> assertTrue(numbers.add(c.get("number").asText()),
                        "duplicate case number " + c.get("number")));
            }
        }
    }

    /** Runs writers until enough cases are acknowledged, kills the platform under them, and counts the cut-off requests. */
    private static int writeUntilKilled(HomewardInstance homeward, Set<String> acknowledged) throws Exception {
        ApiClient api = ApiClient.forCenter(homeward, "child-focus");
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        List<Thread> writers = new ArrayList<>();
        int[] failures = new int[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        ApiClient.Response created = api.post("/api/v1/cases", intake(writer));
                        if (created.status() == 201) {
                            acknowledged.add(created.body().get("id").asText());
                            enough.countDown();
                        } else {
                            throw new AssertionError("intake answered " + created.status() + ": " + created.body());
                        }
                    } catch (IOException e) {
                        failures[writer]++; // the process is gone: connection refused or reset
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            writers.add(t);
        }
        assertTrue(enough.await(2, TimeUnit.MINUTES), "writers did not get " + ACKS_BEFORE_KILL + " cases acknowledged");
        homeward.kill();
        running.set(false);
        for (Thread t : writers) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        int cutOff = 0;
        for (int f : failures) {
            cutOff += f;
        }
        return cutOff;
    }

    private static Map<String, Object> intake(int writer) {
        return Map.of("centerId", "child-focus", "category", "runaway", "riskLevel", "MEDIUM",
                "riskReason", "durability test writer " + writer,
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Test", "givenName", "Writer" + writer)));
    }

    /** @return the end of the instance's log, or why it cannot be read */
    private static String tail(HomewardInstance homeward) {
        try {
            String log = homeward.log();
            return log.substring(Math.max(0, log.length() - 4000));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
