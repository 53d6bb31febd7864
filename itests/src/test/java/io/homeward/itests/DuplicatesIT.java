package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Possible duplicates over HTTP against the real distribution (the seec feature: the SEEC hub with FOCUS in Romania
 * and The Smile of the Child in Greece): the same child typed in Greek at one intake and in Latin letters at another
 * is proposed at intake and on the case page, only ever among the cases the asking center may read; decisions (not
 * the same, undone, the same child) land on both timelines; bad requests are refused with the status the API
 * describes and write nothing.
 */
class DuplicatesIT {

    private static final String RO = "focus-ro";
    private static final String GR = "smile-of-the-child";
    private static final String HUB = "seec";
    private static final String BORN = "2012-05-04";
    private static final String CANDIDATES = "/api/v1/duplicates/candidates";
    private static final String LINKS = "/api/v1/duplicates/links";

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    static ApiClient ro;
    static ApiClient gr;
    static ApiClient hub;
    /** A Romanian hotline operator: reads cases, may not decide about them. */
    static ApiClient operator;

    @BeforeAll
    static void startTheSeecDeployment() throws Exception {
        homeward = HomewardInstance.layOut(folder);
        homeward.start("--features", "seec");
        ro = ApiClient.forCenter(homeward, RO);
        gr = ApiClient.forCenter(homeward, GR);
        hub = ApiClient.forCenter(homeward, HUB);
        assertEquals(0, homeward.client("user:add", "focus-ro.operator", RO, "HOTLINE_OPERATOR").status());
        operator = ApiClient.withToken(homeward, ApiClient.issueToken(homeward, "focus-ro.operator"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (homeward != null) {
            homeward.stop();
        }
    }

    @Test
    void anIntakeIsShownTheCasesOfTheChildInAnyScriptThatItsCenterMayRead() throws Exception {
        String greek = grCase("Παπαδοπούλου", "Μαρία", BORN).get("id").asText();
        JsonNode latin = grCase("Papadopoulou", "Maria", BORN);
        String romanian = roCase("Papadopoulou", "Maria", BORN).get("id").asText();

        JsonNode found = items(gr.get(CANDIDATES + params("familyName", "Papadopoulou", "givenName", "Maria",
                "dateOfBirth", BORN)));
        assertEquals(List.of(greek, latin.get("id").asText()).stream().sorted().toList(),
                caseIds(found).stream().sorted().toList(), "both Greek cases, in either script; not the Romanian one");
        for (JsonNode candidate : found) {
            assertEquals(List.of("SAME_SPELLING", "SAME_DATE_OF_BIRTH"), strings(candidate.get("reasons")));
            assertEquals("GR", candidate.get("country").asText());
            assertEquals("reported", candidate.get("status").asText());
            assertEquals(BORN, candidate.get("dateOfBirth").asText());
            assertTrue(candidate.get("score").asInt() > 0);
        }
        JsonNode inGreek = items(gr.get(CANDIDATES + params("familyName", "Παπαδοπούλου", "givenName", "Μαρία")));
        assertTrue(caseIds(inGreek).contains(latin.get("id").asText()), "typed in Greek, found in Latin letters");
        assertEquals(latin.get("number").asText(), find(inGreek, latin.get("id").asText()).get("caseNumber").asText());
        assertEquals(List.of("SAME_SPELLING"), strings(find(inGreek, greek).get("reasons")),
                "without a date of birth, no SAME_DATE_OF_BIRTH");
        JsonNode typing = items(gr.get(CANDIDATES + params("familyName", "Papad")));
        assertTrue(caseIds(typing).contains(greek), "while the name is being typed");
        assertEquals("BEGINS_WITH", find(typing, greek).get("reasons").get(0).asText());

        assertEquals(List.of(romanian), caseIds(items(ro.get(CANDIDATES + params("familyName", "Papadopoulou",
                "givenName", "Maria")))), "FOCUS sees only its own case");
        assertEquals(3, items(hub.get(CANDIDATES + params("familyName", "Papadopoulou", "givenName", "Maria")))
                .size(), "the hub sees its members' cases");
        assertEquals(0, items(gr.get(CANDIDATES + params("dateOfBirth", BORN))).size(),
                "a date of birth alone proposes nothing");
        assertEquals(1, items(gr.get(CANDIDATES + params("familyName", "Papadopoulou", "limit", "1"))).size());
        assertEquals(200, operator.get(CANDIDATES + params("familyName", "Papadopoulou")).status(),
                "a hotline operator takes intakes and sees the possible matches");
    }

    @Test
    void aCaseShowsItsPossibleSameChildAndDecisionsGoOnBothTimelines() throws Exception {
        String one = grCase("Βασιλείου", "Ιωάννα", BORN).get("id").asText();
        String other = grCase("Vasileiou", "Ioanna", BORN).get("id").asText();
        JsonNode proposed = items(gr.get(CANDIDATES + params("caseId", one)));
        assertEquals(List.of(other), caseIds(proposed), "the other case, never the case itself");
        assertEquals(List.of("SAME_SPELLING", "SAME_DATE_OF_BIRTH"), strings(proposed.get(0).get("reasons")));

        ApiClient.Response notSame = gr.post(LINKS, decision(one, other, false, "twin sisters, same school"));
        assertEquals(201, notSame.status(), String.valueOf(notSame.body()));
        assertFalse(notSame.body().get("sameChild").asBoolean());
        assertEquals(GR + ".itest", notSame.body().get("decidedBy").asText());
        assertTrue(notSame.body().get("undoneAt").isNull());
        String notSameId = notSame.body().get("id").asText();
        assertEquals(0, items(gr.get(CANDIDATES + params("caseId", one))).size(), "not proposed again");
        assertEquals(0, items(gr.get(CANDIDATES + params("caseId", other))).size(), "from either side");
        JsonNode fromOther = items(gr.get(LINKS + params("caseId", other)));
        assertEquals(1, fromOther.size());
        assertEquals(one, fromOther.get(0).get("otherCaseId").asText(), "read from the case asked about");

        ApiClient.Response twice = gr.post(LINKS, decision(other, one, true, "second thoughts"));
        assertEquals(409, twice.status(), "one decision in force per pair: " + twice.body());
        assertProblem(twice);
        assertEquals(1, items(gr.get(LINKS + params("caseId", one))).size(), "nothing written");

        ApiClient.Response undone = gr.post(LINKS + "/" + notSameId + "/undo", Map.of("reason", "not twins after all"));
        assertEquals(200, undone.status(), String.valueOf(undone.body()));
        assertEquals("not twins after all", undone.body().get("undoReason").asText());
        assertFalse(undone.body().get("undoneAt").isNull());
        assertEquals(409, gr.post(LINKS + "/" + notSameId + "/undo", Map.of("reason", "again")).status(),
                "undone once");
        assertEquals(List.of(other), caseIds(items(gr.get(CANDIDATES + params("caseId", one)))), "proposed again");

        ApiClient.Response same = gr.post(LINKS, decision(one, other, true, "same mother, same school"));
        assertEquals(201, same.status(), String.valueOf(same.body()));
        assertTrue(same.body().get("sameChild").asBoolean());
        JsonNode decisions = items(gr.get(LINKS + params("caseId", one)));
        assertEquals(List.of(same.body().get("id").asText(), notSameId), ids(decisions), "newest first, undone kept");
        assertEquals(0, items(gr.get(CANDIDATES + params("caseId", one))).size(), "linked: not proposed");
        List<String> expected = List.of("OPENED", "NOT_SAME_CHILD", "DECISION_UNDONE", "SAME_CHILD");
        assertEquals(expected, kinds(gr, one));
        assertEquals(expected, kinds(gr, other), "on both timelines");
    }

    @Test
    void aCenterCannotDecideAboutOrLearnOfACaseItMayNotRead() throws Exception {
        String greek = grCase("Ιωάννου", "Ελένη", BORN).get("id").asText();
        String romanian = roCase("Ioannou", "Eleni", BORN).get("id").asText();
        assertEquals(List.of(), caseIds(items(gr.get(CANDIDATES + params("caseId", greek)))),
                "the Romanian case is not The Smile of the Child's to see");
        assertEquals(404, gr.post(LINKS, decision(greek, romanian, true, "seen at Kulata")).status());
        assertEquals(404, gr.get(CANDIDATES + params("caseId", romanian)).status());
        assertEquals(404, gr.get(LINKS + params("caseId", romanian)).status());
        assertEquals(0, items(hub.get(LINKS + params("caseId", greek))).size(), "nothing written");
        assertEquals(List.of("OPENED"), kinds(ro, romanian));

        // the hub reads both, and decides
        assertTrue(caseIds(items(hub.get(CANDIDATES + params("caseId", greek)))).contains(romanian));
        ApiClient.Response linked = hub.post(LINKS, decision(greek, romanian, true, "crossed at Kulata"));
        assertEquals(201, linked.status(), String.valueOf(linked.body()));
        String linkId = linked.body().get("id").asText();
        assertEquals(0, items(gr.get(LINKS + params("caseId", greek))).size(),
                "a decision naming a case the center may not read is not the center's to know");
        assertEquals(0, items(ro.get(LINKS + params("caseId", romanian))).size());
        assertEquals(404, ro.post(LINKS + "/" + linkId + "/undo", Map.of("reason", "not ours")).status());
        assertEquals(1, items(hub.get(LINKS + params("caseId", romanian))).size());
        assertTrue(kinds(ro, romanian).contains("SAME_CHILD"), "the timeline says what was decided, not with whom");
    }

    @Test
    void badRequestsAreRefusedWithTheirStatusAndWriteNothing() throws Exception {
        String one = roCase("Dumitrescu", "Ilinca", BORN).get("id").asText();
        String other = roCase("Dumitrescu", "Ilinca", null).get("id").asText();

        ApiClient.Response denied = operator.post(LINKS, decision(one, other, true, "same child"));
        assertEquals(403, denied.status(), "hotline operators read, not decide: " + denied.body());
        assertProblem(denied);
        ApiClient.Response blank = ro.post(LINKS, decision(one, other, true, " "));
        assertEquals(422, blank.status());
        assertEquals("reason", blank.body().get("errors").get(0).get("field").asText());
        assertEquals(422, ro.post(LINKS, decision(one, one, true, "itself")).status());
        assertEquals(422, ro.post(LINKS, decision(one, other, true, "x".repeat(1001))).status());
        assertEquals(422, ro.post(LINKS, Map.of("caseId", one, "otherCaseId", other, "sameChild", false)).status(),
                "a reason is required, as for every decision");

        ApiClient.Response malformed = ro.post(LINKS, "{\"caseId\": ");
        assertEquals(400, malformed.status());
        assertProblem(malformed);
        ApiClient.Response noSameChild = ro.post(LINKS, Map.of("caseId", one, "otherCaseId", other, "reason", "x"));
        assertEquals(400, noSameChild.status());
        assertTrue(noSameChild.body().get("detail").asText().contains("sameChild"), noSameChild.body().toString());
        assertEquals(400, ro.post(LINKS, Map.of("otherCaseId", other, "sameChild", true, "reason", "x")).status());
        assertEquals(400, ro.post(LINKS, Map.of("caseId", "not-a-case", "otherCaseId", other, "sameChild", true,
                "reason", "x")).status());
        assertEquals(400, ro.post(LINKS, Map.of("caseId", one, "otherCaseId", other, "sameChild", true,
                "reason", "x", "score", 3)).status(), "unknown field");
        assertEquals(415, ro.send("POST", LINKS, "text/plain", HttpRequest.BodyPublishers.ofString("same")).status());
        assertEquals(404, ro.post(LINKS, decision(one, "00000000-0000-0000-0000-000000000000", true, "x")).status());

        assertParameterRefused(CANDIDATES + params("familyName", "Dumitrescu", "dateOfBirth", "04/05/2012"),
                "dateOfBirth");
        assertParameterRefused(CANDIDATES + params("familyName", "Dumitrescu", "limit", "0"), "limit");
        assertParameterRefused(CANDIDATES + params("familyName", "Dumitrescu", "limit", "21"), "limit");
        assertParameterRefused(CANDIDATES + params("familyName", "Dumitrescu", "limit", "many"), "limit");
        assertParameterRefused(CANDIDATES + params("familyName", "x".repeat(201)), "familyName");
        assertParameterRefused(CANDIDATES + params("givenName", "Ilinca\u0007"), "givenName");
        assertParameterRefused(CANDIDATES + params("caseId", one, "familyName", "Dumitrescu"), "caseId");
        assertParameterRefused(LINKS, "caseId");
        assertEquals(404, ro.get(CANDIDATES + params("caseId", "not-a-case")).status(), "a malformed id, as in /cases");
        assertEquals(404, ro.get(LINKS + params("caseId", "00000000-0000-0000-0000-000000000000")).status());
        assertEquals(404, ro.post(LINKS + "/00000000-0000-0000-0000-000000000000/undo", Map.of("reason", "x"))
                .status());
        assertEquals(404, ro.post(LINKS + "/not-a-decision/undo", Map.of("reason", "x")).status());
        assertEquals(405, ro.send("DELETE", LINKS, "{}").status());

        assertEquals(0, items(ro.get(LINKS + params("caseId", one))).size(), "nothing written");
        assertEquals(List.of("OPENED"), kinds(ro, one));
        assertEquals(List.of("OPENED"), kinds(ro, other));
        String linkId = ro.post(LINKS, decision(one, other, false, "cousins")).body().get("id").asText();
        assertEquals(403, operator.post(LINKS + "/" + linkId + "/undo", Map.of("reason", "x")).status());
        assertEquals(422, ro.post(LINKS + "/" + linkId + "/undo", Map.of("reason", "")).status());
        assertEquals(400, ro.post(LINKS + "/" + linkId + "/undo", "[]").status());
        assertTrue(items(ro.get(LINKS + params("caseId", one))).get(0).get("undoneAt").isNull(), "still in force");
    }

    @Test
    void aBrowserSessionDecidesOnlyWithItsCsrfTokenAndIsToldItMay() throws Exception {
        String one = roCase("Constantinescu", "Bianca", BORN).get("id").asText();
        String other = roCase("Constantinescu", "Bianca", BORN).get("id").asText();
        HomewardInstance.Result added = homeward.client("user:add", "focus-ro.browser", RO, "CASE_WORKER");
        String password = added.output().replaceAll("(?s).*one-time password[^:]*: (\\S+).*", "$1").strip();
        ApiClient browser = new ApiClient(homeward);
        ApiClient.Response login = browser.login("focus-ro.browser", password);
        assertEquals(200, login.status(), String.valueOf(login.body()));
        assertEquals(204, browser.put("/api/v1/session/password", Map.of("currentPassword", password,
                "newPassword", "correct horse battery staple")).status());
        assertTrue(strings(browser.get("/api/v1/session").body().get("user").get("permissions"))
                .contains("CASE_UPDATE"), "the UI offers decisions to those who may take them");
        assertFalse(strings(ApiClient.withToken(homeward, ApiClient.issueToken(homeward, "focus-ro.operator"))
                .get("/api/v1/session").body().get("user").get("permissions")).contains("CASE_UPDATE"));

        browser.forgetCsrfToken();
        assertEquals(403, browser.post(LINKS, decision(one, other, true, "same")).status(), "without X-CSRF-Token");
        assertEquals(0, items(ro.get(LINKS + params("caseId", one))).size(), "nothing written");
        assertEquals(201, browser.post(LINKS, decision(one, other, true, "same"), "X-CSRF-Token",
                login.body().get("csrfToken").asText()).status());
    }

    private static void assertParameterRefused(String path, String parameter) throws Exception {
        ApiClient.Response refused = ro.get(path);
        assertEquals(400, refused.status(), path + ": " + refused.body());
        assertProblem(refused);
        assertTrue(refused.body().get("detail").asText().contains("'" + parameter + "'"), refused.body().toString());
    }

    /** An RFC 9457 problem: never a stack trace, never a Java class name. */
    private static void assertProblem(ApiClient.Response response) {
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.toString());
        String detail = response.body().get("detail").asText();
        assertFalse(detail.contains("Exception") || detail.contains("\tat "), detail);
    }

    private static JsonNode grCase(String familyName, String givenName, String born) throws Exception {
        return opened(gr, Map.of("centerId", GR, "category", "runaway", "riskLevel", "HIGH",
                "riskReason", "left the children's home at night", "fields", Map.of("police-station", "Omonia"),
                "persons", List.of(child(familyName, givenName, born))));
    }

    private static JsonNode roCase(String familyName, String givenName, String born) throws Exception {
        return opened(ro, Map.of("centerId", RO, "category", "runaway", "riskLevel", "MEDIUM",
                "riskReason", "left home, phone off", "fields", Map.of(),
                "persons", List.of(child(familyName, givenName, born))));
    }

    private static JsonNode opened(ApiClient api, Map<String, Object> intake) throws Exception {
        ApiClient.Response opened = api.post("/api/v1/cases", intake);
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        return opened.body();
    }

    private static Map<String, Object> child(String familyName, String givenName, String born) {
        Map<String, Object> child = new java.util.HashMap<>(Map.of("role", "CHILD", "familyName", familyName,
                "givenName", givenName, "sex", "FEMALE"));
        if (born != null) {
            child.put("dateOfBirth", born);
        }
        return child;
    }

    private static Map<String, Object> decision(String caseId, String otherCaseId, boolean sameChild, String reason) {
        return Map.of("caseId", caseId, "otherCaseId", otherCaseId, "sameChild", sameChild, "reason", reason);
    }

    /** @return {@code ?a=1&b=2} from names and values in pairs, the values URL-encoded */
    private static String params(String... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static JsonNode items(ApiClient.Response response) {
        assertEquals(200, response.status(), String.valueOf(response.body()));
        return response.body().get("items");
    }

    private static JsonNode find(JsonNode candidates, String caseId) {
        for (JsonNode candidate : candidates) {
            if (candidate.get("caseId").asText().equals(caseId)) {
                return candidate;
            }
        }
        throw new AssertionError("no candidate " + caseId + " in " + candidates);
    }

    private static List<String> caseIds(JsonNode candidates) {
        List<String> ids = new ArrayList<>();
        candidates.forEach(c -> ids.add(c.get("caseId").asText()));
        return ids;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> kinds(ApiClient api, String caseId) throws Exception {
        List<String> kinds = new ArrayList<>();
        items(api.get("/api/v1/cases/" + caseId + "/history")).forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }
}
