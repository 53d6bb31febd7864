package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two staff members edit one case at the same moment over HTTP, both based on the same read (the same ETag):
 * exactly one change wins, the other is answered 412 (the case changed since the ETag) or 409 (it lost the race
 * at commit), and nothing of the loser's change is in the case or on its timeline. For field updates, assignment
 * and workflow actions, several rounds each, so that the requests really do meet in the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentEditIT {

    private static final int ROUNDS = 5;
    /** The user {@link ApiClient#forCenter} creates. */
    private static final String ALICE = RunawayCases.CENTER + ".itest";
    private static final String BOB = "bob";

    @TempDir
    static Path folder;

    private HomewardInstance homeward;
    /** Two users of the same center, each with a client (and connections) of their own. */
    private ApiClient alice;
    private ApiClient bob;
    private final ExecutorService both = Executors.newFixedThreadPool(2);

    @BeforeAll
    void start() throws Exception {
        homeward = HomewardInstance.layOut(folder).start("--features", "child-focus");
        alice = ApiClient.forCenter(homeward, RunawayCases.CENTER);
        HomewardInstance.Result added = homeward.client("user:add", BOB, RunawayCases.CENTER, "SUPERVISOR");
        assertEquals(0, added.status(), added.output());
        bob = ApiClient.withToken(homeward, ApiClient.issueToken(homeward, BOB));
    }

    @AfterAll
    void stop() throws Exception {
        both.shutdownNow();
        homeward.close();
    }

    @Test
    void ofTwoFieldUpdatesWithTheSameETagExactlyOneWins() throws Exception {
        String path = open();
        for (int round = 0; round < ROUNDS; round++) {
            String a = "PV-ALICE-" + round;
            String b = "PV-BOB-" + round;
            Outcome outcome = race(path, "PATCH", path, Map.of("fields", Map.of("police-reference", a)),
                    "PATCH", path, Map.of("fields", Map.of("police-reference", b)));
            String stored = alice.get(path).body().get("fields").get("police-reference").asText();
            assertEquals(outcome.aliceWon() ? a : b, stored, "the loser's value must not be in the case");
            assertEquals(outcome.versionBefore() + 1, outcome.versionAfter());
        }
        assertEquals(1 + ROUNDS, history(path).size(), "one FIELDS_UPDATED per round: " + history(path));
    }

    @Test
    void ofTwoAssignmentsWithTheSameETagExactlyOneWins() throws Exception {
        String path = open();
        for (int round = 0; round < ROUNDS; round++) {
            // each assigns the case to themselves (the store accepts only users of the case's center)
            Outcome outcome = race(path, "PUT", path + "/assignee", Map.of("assignee", ALICE),
                    "PUT", path + "/assignee", Map.of("assignee", BOB));
            assertEquals(outcome.aliceWon() ? ALICE : BOB, alice.get(path).body().get("assignee").asText());
            // the next round starts from nobody, so that each round's winner is visible
            ApiClient.Response cleared = alice.send("PUT", path + "/assignee", "{\"assignee\": null}", "If-Match",
                    alice.get(path).etag());
            assertEquals(200, cleared.status(), String.valueOf(cleared.body()));
        }
        assertEquals(1 + 2 * ROUNDS, history(path).size());
    }

    @Test
    void ofTwoWorkflowActionsWithTheSameETagExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String path = open();
            Outcome outcome = race(path, "POST", path + "/transitions",
                    Map.of("action", "confirm-police-report", "fields", Map.of("police-reference", "PV-A")),
                    "POST", path + "/transitions", Map.of("action", "withdraw"));
            JsonNode stored = alice.get(path).body();
            assertEquals(outcome.aliceWon() ? "investigation" : "closed", stored.get("status").asText());
            assertEquals(outcome.aliceWon(), stored.get("fields").has("police-reference"));
            List<JsonNode> events = history(path);
            assertEquals(2, events.size(), events.toString());
            assertEquals(outcome.aliceWon() ? "confirm-police-report" : "withdraw", events.get(1).get("action").asText());
        }
    }

    /** What a race came to: who won, and the case's version before and after. */
    private record Outcome(boolean aliceWon, long versionBefore, long versionAfter) {
    }

    /**
     * Alice and Bob read the case, then send their changes at the same moment with the ETag they read.
     *
     * @return the outcome, once it is asserted that exactly one won and the other got 412 or 409
     */
    private Outcome race(String casePath, String aliceMethod, String alicePath, Object aliceBody, String bobMethod,
            String bobPath, Object bobBody) throws Exception {
        ApiClient.Response aliceRead = alice.get(casePath);
        ApiClient.Response bobRead = bob.get(casePath);
        assertEquals(aliceRead.etag(), bobRead.etag());
        CyclicBarrier ready = new CyclicBarrier(2);
        Future<ApiClient.Response> aliceSent = both.submit(() -> {
            ready.await(10, TimeUnit.SECONDS);
            return alice.send(aliceMethod, alicePath, aliceBody, "If-Match", aliceRead.etag());
        });
        Future<ApiClient.Response> bobSent = both.submit(() -> {
            ready.await(10, TimeUnit.SECONDS);
            return bob.send(bobMethod, bobPath, bobBody, "If-Match", bobRead.etag());
        });
        ApiClient.Response a = aliceSent.get(30, TimeUnit.SECONDS);
        ApiClient.Response b = bobSent.get(30, TimeUnit.SECONDS);
        List<Integer> statuses = new ArrayList<>(List.of(a.status(), b.status()));
        assertTrue(statuses.contains(200) && statuses.stream().filter(s -> s == 200).count() == 1,
                "exactly one must win: alice " + a.status() + " " + a.body() + ", bob " + b.status() + " " + b.body());
        ApiClient.Response loser = a.status() == 200 ? b : a;
        assertTrue(loser.status() == 412 || loser.status() == 409, "the loser gets 412 or 409: " + loser.status());
        assertTrue(loser.body().get("detail").asText().contains("reload"), loser.body().toString());
        long after = alice.get(casePath).body().get("version").asLong();
        return new Outcome(a.status() == 200, aliceRead.body().get("version").asLong(), after);
    }

    private String open() throws Exception {
        ApiClient.Response opened = alice.post("/api/v1/cases", RunawayCases.intake("Concurrent"));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        return "/api/v1/cases/" + opened.body().get("id").asText();
    }

    private List<JsonNode> history(String casePath) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        alice.get(casePath + "/history").body().get("items").forEach(events::add);
        return events;
    }
}
