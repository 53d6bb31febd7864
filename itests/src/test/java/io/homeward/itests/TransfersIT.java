package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers and shares between the centers of one deployment (the seec feature: the SEEC hub with FOCUS in
 * Romania and The Smile of the Child in Greece), over HTTP against the real distribution: accepted and rejected,
 * with what each center can read and change checked before and after, the outcome echoed to the sender and both
 * steps on the case's timeline.
 */
class TransfersIT {

    private static final String RO = "focus-ro";
    private static final String GR = "smile-of-the-child";
    private static final String HUB = "seec";

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    static ApiClient ro;
    static ApiClient gr;
    static ApiClient hub;

    @BeforeAll
    static void startTheSeecDeployment() throws Exception {
        homeward = HomewardInstance.layOut(folder);
        homeward.start("--features", "seec");
        ro = ApiClient.forCenter(homeward, RO);
        gr = ApiClient.forCenter(homeward, GR);
        hub = ApiClient.forCenter(homeward, HUB);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (homeward != null) {
            homeward.stop();
        }
    }

    @Test
    void aRejectedTransferChangesNothingAndAnAcceptedOneMovesTheCaseAndItsAccess() throws Exception {
        JsonNode c = romanianCase();
        String caseId = c.get("id").asText();
        assertAccess(caseId, RO, 200, 201);
        assertAccess(caseId, GR, 404, 404);

        ApiClient.Response refused = gr.post("/api/v1/transfers", transfer(caseId, "TRANSFER", RO, "mine now"));
        assertEquals(404, refused.status(), "a center cannot hand on what it cannot see");
        ApiClient.Response asked = ro.post("/api/v1/transfers", transfer(caseId, "TRANSFER", GR,
                "the family moved to Thessaloniki"));
        assertEquals(201, asked.status(), String.valueOf(asked.body()));
        String first = asked.body().get("id").asText();
        assertEquals("PENDING", asked.body().get("status").asText());
        assertEquals(409, ro.post("/api/v1/transfers", transfer(caseId, "TRANSFER", HUB, "or the hub")).status(),
                "one pending transfer per case");

        // pending: the receiver sees the request (number, type, risk, reason), not the case
        JsonNode incoming = gr.get("/api/v1/transfers?direction=incoming&status=PENDING").body().get("items");
        assertEquals(List.of(first), ids(incoming));
        assertEquals(c.get("number").asText(), incoming.get(0).get("caseNumber").asText());
        assertEquals("the family moved to Thessaloniki", incoming.get(0).get("reason").asText());
        assertAccess(caseId, GR, 404, 404);
        assertEquals(403, ro.post("/api/v1/transfers/" + first + "/decision", decision("ACCEPT", "fine")).status(),
                "the sender does not decide");
        assertEquals(422, gr.post("/api/v1/transfers/" + first + "/decision", Map.of("decision", "REJECT"))
                .status(), "a reason is required");

        ApiClient.Response rejected = gr.post("/api/v1/transfers/" + first + "/decision",
                decision("REJECT", "not in our area"));
        assertEquals(200, rejected.status(), String.valueOf(rejected.body()));
        assertEquals("REJECTED", rejected.body().get("status").asText());
        JsonNode echoed = ro.get("/api/v1/transfers?direction=outgoing").body().get("items").get(0);
        assertEquals("REJECTED", echoed.get("status").asText(), "the outcome is echoed to the sender");
        assertEquals("not in our area", echoed.get("decisionReason").asText());
        assertAccess(caseId, RO, 200, 201);
        assertAccess(caseId, GR, 404, 404);
        assertEquals(409, gr.post("/api/v1/transfers/" + first + "/decision", decision("ACCEPT", "after all"))
                .status(), "decided once");

        String second = ro.post("/api/v1/transfers", transfer(caseId, "TRANSFER", GR, "confirmed in Greece"))
                .body().get("id").asText();
        ApiClient.Response accepted = gr.post("/api/v1/transfers/" + second + "/decision",
                decision("ACCEPT", "we take it"));
        assertEquals(200, accepted.status(), String.valueOf(accepted.body()));
        JsonNode moved = gr.get("/api/v1/cases/" + caseId).body();
        assertEquals(GR, moved.get("centerId").asText());
        assertEquals(c.get("number").asText(), moved.get("number").asText());
        assertAccess(caseId, GR, 200, 201);
        assertAccess(caseId, RO, 404, 404);
        assertEquals("ACCEPTED", ro.get("/api/v1/transfers/" + second).body().get("status").asText(),
                "the sender still sees the outcome of its request");
        assertEquals(200, hub.get("/api/v1/cases/" + caseId).status(), "the hub sees its member country's case");
        assertEquals(403, hub.post("/api/v1/cases/" + caseId + "/notes", Map.of("text", "x")).status());
        assertEquals(List.of("OPENED", "TRANSFER_REQUESTED", "TRANSFER_REJECTED", "TRANSFER_REQUESTED",
                "TRANSFER_ACCEPTED"), kinds(gr, caseId));
    }

    @Test
    void anAcceptedShareLetsTheReceiverReadButNotChangeAndARejectedOneDoesNot() throws Exception {
        String caseId = romanianCase().get("id").asText();
        String declined = ro.post("/api/v1/transfers", transfer(caseId, "SHARE", GR, "may have crossed"))
                .body().get("id").asText();
        assertAccess(caseId, GR, 404, 404);
        assertEquals(200, gr.post("/api/v1/transfers/" + declined + "/decision", decision("REJECT", "no trace here"))
                .status());
        assertAccess(caseId, GR, 404, 404);

        ApiClient.Response asked = ro.post("/api/v1/transfers", transfer(caseId, "SHARE", GR, "seen at Kulata"));
        assertEquals(201, asked.status(), String.valueOf(asked.body()));
        String share = asked.body().get("id").asText();
        assertEquals(200, gr.post("/api/v1/transfers/" + share + "/decision", decision("ACCEPT", "we will look"))
                .status());
        assertAccess(caseId, GR, 200, 403);
        assertAccess(caseId, RO, 200, 201);
        assertEquals(RO, gr.get("/api/v1/cases/" + caseId).body().get("centerId").asText(), "the owner stays");
        assertEquals(403, gr.post("/api/v1/transfers", transfer(caseId, "TRANSFER", HUB, "ours")).status(),
                "only the owner hands a case on");
        assertEquals(409, ro.post("/api/v1/transfers", transfer(caseId, "SHARE", GR, "again")).status());
        List<String> expected = List.of("OPENED", "SHARE_REQUESTED", "SHARE_REJECTED", "SHARE_REQUESTED",
                "SHARE_ACCEPTED");
        assertEquals(expected, kinds(ro, caseId));
        assertEquals(expected, kinds(gr, caseId), "both centers see the same timeline");
        assertEquals(2, gr.get("/api/v1/transfers?caseId=" + caseId).body().get("items").size());
    }

    @Test
    void theHubHandsAnAlbanianCaseToANationalCenterAndKeepsSeeingIt() throws Exception {
        ApiClient.Response opened = hub.post("/api/v1/cases", Map.of("centerId", HUB, "category", "runaway",
                "country", "AL", "riskLevel", "MEDIUM", "riskReason", "reported by a border police unit",
                "fields", Map.of("reporting-authority", "State Police, Tirana"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Hoxha", "givenName", "Era"))));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        String caseId = opened.body().get("id").asText();
        assertAccess(caseId, HUB, 200, 201);
        assertAccess(caseId, GR, 404, 404);
        String share = hub.post("/api/v1/transfers", transfer(caseId, "SHARE", RO, "she has family in Iasi"))
                .body().get("id").asText();
        assertEquals(200, ro.post("/api/v1/transfers/" + share + "/decision", decision("ACCEPT", "we will ask"))
                .status());
        assertAccess(caseId, RO, 200, 403);

        String asked = hub.post("/api/v1/transfers", transfer(caseId, "TRANSFER", GR, "the child is in Ioannina"))
                .body().get("id").asText();
        ApiClient.Response accepted = gr.post("/api/v1/transfers/" + asked + "/decision",
                decision("ACCEPT", "our police have her"));
        assertEquals(200, accepted.status(), String.valueOf(accepted.body()));
        assertEquals(GR, gr.get("/api/v1/cases/" + caseId).body().get("centerId").asText());
        assertAccess(caseId, GR, 200, 201);
        assertAccess(caseId, HUB, 200, 403);
        assertAccess(caseId, RO, 404, 404);
        assertEquals(0, gr.get("/api/v1/cases/" + caseId).body().get("sharedWith").size(),
                "the hub's share ended with its ownership; the hub itself reads by the hub rule");
        assertEquals("ACCEPTED", hub.get("/api/v1/transfers?direction=outgoing&status=ACCEPTED").body().get("items")
                .get(0).get("status").asText());
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndWriteNothing() throws Exception {
        String caseId = romanianCase().get("id").asText();
        assertEquals(422, ro.post("/api/v1/transfers", transfer(caseId, "SHARE", "atlantis", "why")).status());
        assertEquals(422, ro.post("/api/v1/transfers", transfer(caseId, "TRANSFER", RO, "why")).status());
        assertEquals(400, ro.post("/api/v1/transfers", transfer(caseId, "LEND", GR, "why")).status());
        assertEquals(400, ro.get("/api/v1/transfers?direction=sideways").status());
        assertEquals(404, ro.get("/api/v1/transfers?caseId=not-a-case").status(), "a malformed id, as in /cases");
        assertEquals(0, ro.get("/api/v1/transfers?caseId=" + caseId).body().get("items").size());
        assertEquals(List.of("OPENED"), kinds(ro, caseId));
    }

    @Test
    void aCaseWithARequestedAlertIsNotTransferredButCanBeShared() throws Exception {
        String caseId = romanianCase().get("id").asText();
        ApiClient.Response alert = ro.post("/api/v1/alerts", Map.of("caseId", caseId, "reason",
                "seen with a stranger"));
        assertEquals(201, alert.status(), String.valueOf(alert.body()));
        ApiClient.Response refused = ro.post("/api/v1/transfers", transfer(caseId, "TRANSFER", GR, "family moved"));
        assertEquals(409, refused.status(), String.valueOf(refused.body()));
        assertTrue(refused.body().get("detail").asText().contains("alert"), String.valueOf(refused.body()));
        assertEquals(0, ro.get("/api/v1/transfers?caseId=" + caseId).body().get("items").size());
        assertEquals(201, ro.post("/api/v1/transfers", transfer(caseId, "SHARE", GR, "seen at Kulata")).status());
    }

    /** Reads the case and writes a note on it as the center's supervisor; checks both answers. */
    private static void assertAccess(String caseId, String center, int read, int note) throws Exception {
        ApiClient api = center.equals(RO) ? ro : center.equals(GR) ? gr : hub;
        assertEquals(read, api.get("/api/v1/cases/" + caseId).status(), center + " reads " + caseId);
        assertEquals(read, api.get("/api/v1/cases/" + caseId + "/history").status(), center + " reads the history");
        assertEquals(note, api.post("/api/v1/cases/" + caseId + "/notes", Map.of("text", "checked")).status(),
                center + " writes a note");
    }

    private static JsonNode romanianCase() throws Exception {
        String category = null;
        for (JsonNode candidate : ro.get("/api/v1/centers/" + RO).body().get("categories")) {
            if (candidate.get("caseType").asText().equals("RUNAWAY")) {
                category = candidate.get("id").asText();
            }
        }
        ApiClient.Response opened = ro.post("/api/v1/cases", Map.of("centerId", RO, "category", category,
                "riskLevel", "HIGH", "riskReason", "left home, phone off", "fields", Map.of(),
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Popescu", "givenName", "Ana",
                        "sex", "FEMALE", "dateOfBirth", LocalDate.now().minusYears(14).toString()))));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        return opened.body();
    }

    private static Map<String, String> transfer(String caseId, String kind, String to, String reason) {
        return Map.of("caseId", caseId, "kind", kind, "toCenterId", to, "reason", reason);
    }

    private static Map<String, String> decision(String decision, String reason) {
        return Map.of("decision", decision, "reason", reason);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static List<String> kinds(ApiClient api, String caseId) throws Exception {
        List<String> kinds = new ArrayList<>();
        api.get("/api/v1/cases/" + caseId + "/history").body().get("items").forEach(e -> kinds.add(e.get("kind")
                .asText()));
        return kinds;
    }
}
