package io.homeward.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Staff at work on the {@code disappearance} workflow of Child Focus over HTTP: each client thread opens runaway
 * cases and moves its open cases along (reported, investigation, public appeal, found, closed), reading the case
 * for its ETag before every action and reading it again when the action answers 412. Every answer is counted:
 * what the API promises (201 on intake, 200 on reads and actions, 412 on a stale ETag) as served, anything else
 * as a failure, kept with its status and problem detail.
 */
public final class CaseLoad implements AutoCloseable {

    /** An answer the clients did not expect: status -1 when the request got no answer at all. */
    public record Failure(String request, int status, String detail) {
    }

    /** The action that moves a case on from each state, with the fields the target state requires. */
    private static final Map<String, Map<String, Object>> NEXT = Map.of(
            "reported", Map.of("action", "confirm-police-report", "fields", Map.of("police-reference", "PV-LOAD-1")),
            "investigation", Map.of("action", "publish-appeal"),
            "public-appeal", Map.of("action", "mark-found", "fields", Map.of("found-date", LocalDate.now().toString())),
            // the same state in version 2 of the workflow (ChildFocusPlugin#withDisappearanceVersion2)
            "appeal-published", Map.of("action", "mark-found", "fields", Map.of("found-date", LocalDate.now().toString())),
            "found", Map.of("action", "close"));
    /** Cases each client keeps open at least, so that there are open cases in every state. */
    private static final int OPEN_PER_CLIENT = 6;

    private final ApiClient api;
    private final String centerId;
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    /** Case id to case number, for every 201. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    private CaseLoad(ApiClient api, String centerId) {
        this.api = api;
        this.centerId = centerId;
    }

    /** Starts {@code threads} clients on the center's {@code runaway} category. */
    public static CaseLoad start(ApiClient api, String centerId, int threads) {
        CaseLoad load = new CaseLoad(api, centerId);
        for (int i = 0; i < threads; i++) {
            Random random = new Random(i);
            Thread client = new Thread(() -> load.work(random), "case-load-" + i);
            load.clients.add(client);
            client.start();
        }
        return load;
    }

    /** @return requests answered as promised so far (412s included) */
    public long served() {
        return served.get();
    }

    /** @return actions answered 412 (and retried after reading the case again) */
    public long stale() {
        return stale.get();
    }

    /** @return failures so far, oldest first */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** @return id to number of every case whose intake was answered 201 */
    public Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Waits until {@code more} requests have been served beyond those served when called. */
    public void awaitServed(long more) {
        long target = served() + more;
        HomewardInstance.awaitCondition(more + " more requests served", java.time.Duration.ofSeconds(60),
                () -> served() >= target || !failures.isEmpty());
    }

    /** Stops the clients after their current request. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(60_000);
        }
    }

    private void work(Random random) {
        List<String> open = new ArrayList<>();
        while (running) {
            if (open.size() < OPEN_PER_CLIENT || random.nextInt(3) == 0) {
                String id = open();
                if (id != null) {
                    open.add(id);
                }
            } else {
                String id = open.get(random.nextInt(open.size()));
                if (!moveOn(id)) {
                    open.remove(id);
                }
            }
        }
    }

    private String open() {
        ApiClient.Response created = send("POST /api/v1/cases", () -> api.post("/api/v1/cases", Map.of(
                "centerId", centerId, "category", "runaway", "riskLevel", "MEDIUM",
                "riskReason", "left the reception centre after a dispute",
                "fields", Map.of("last-seen-place", "Gent"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Load", "givenName", "Test",
                        "sex", "FEMALE", "dateOfBirth", "2011-03-02")))), 201);
        if (created == null) {
            return null;
        }
        String id = created.body().get("id").asText();
        acknowledged.put(id, created.body().get("number").asText());
        return id;
    }

    /** One action on the case; false when it is closed (or could not be read). */
    private boolean moveOn(String id) {
        while (running) {
            ApiClient.Response read = send("GET case", () -> api.get("/api/v1/cases/" + id), 200);
            if (read == null) {
                return false;
            }
            Map<String, Object> next = NEXT.get(read.body().get("status").asText());
            if (next == null) {
                return false;
            }
            ApiClient.Response done = send("POST " + next.get("action"),
                    () -> api.post("/api/v1/cases/" + id + "/transitions", next, "If-Match", read.etag()), 200, 412);
            if (done == null) {
                return false;
            }
            if (done.status() == 200) {
                return true;
            }
            stale.incrementAndGet(); // someone (a migration) changed the case since we read it: read it again
        }
        return true;
    }

    private interface Request {
        ApiClient.Response send() throws Exception;
    }

    /** Sends a request; returns the answer when its status is one of {@code expected}, else records a failure. */
    private ApiClient.Response send(String what, Request request, int... expected) {
        ApiClient.Response response;
        try {
            response = request.send();
        } catch (Exception e) {
            failures.add(new Failure(what, -1, e.toString()));
            return null;
        }
        for (int status : expected) {
            if (response.status() == status) {
                served.incrementAndGet();
                return response;
            }
        }
        JsonNode detail = response.body() == null ? null : response.body().get("detail");
        failures.add(new Failure(what, response.status(), detail == null ? String.valueOf(response.body()) : detail.asText()));
        return null;
    }
}
