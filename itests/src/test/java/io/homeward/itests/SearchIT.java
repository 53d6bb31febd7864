package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding a child over HTTP against the real distribution (the seec feature, the SEEC hub with The Smile of the
 * Child in Greece and FOCUS in Romania, plus Child Focus in Belgium): names typed in another script or spelling find
 * the case with the reason in {@code matches}, exact spellings first; a case number finds its case by its beginning;
 * the filters of risk, opening day and date of birth narrow it; bad input answers 400 with the parameter named, or
 * finds nothing, never 500; and no center ever sees or counts a case it may not read.
 */
class SearchIT {

    private static final String GR = "smile-of-the-child";
    private static final String RO = "focus-ro";
    private static final String BE = "child-focus";
    private static final String HUB = "seec";

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    static ApiClient gr;
    static ApiClient ro;
    static ApiClient be;
    static ApiClient hub;
    static JsonNode maria;
    static JsonNode eleni;
    static JsonNode stefan;
    static JsonNode olena;

    @BeforeAll
    static void openCasesInFourScriptsAndSpellings() throws Exception {
        homeward = HomewardInstance.layOut(folder);
        homeward.start("--features", "seec,child-focus");
        gr = ApiClient.forCenter(homeward, GR);
        ro = ApiClient.forCenter(homeward, RO);
        be = ApiClient.forCenter(homeward, BE);
        hub = ApiClient.forCenter(homeward, HUB);
        maria = opened(gr, Map.of("centerId", GR, "category", "runaway", "riskLevel", "HIGH",
                "riskReason", "left the children's home at night", "fields", Map.of("police-station", "Omonia"),
                "persons", List.of(child("Παπαδοπούλου", "Μαρία", "2012-05-04"))));
        eleni = opened(gr, Map.of("centerId", GR, "category", "runaway", "riskLevel", "MEDIUM",
                "riskReason", "did not come home from school", "fields", Map.of("police-station", "Kypseli"),
                "persons", List.of(child("Papadopulu", "Eleni", "2014-09-30"))));
        // Romanian with the comma below, as it should be written
        stefan = opened(ro, Map.of("centerId", RO, "category", "runaway", "riskLevel", "MEDIUM",
                "riskReason", "left home, phone off", "fields", Map.of(),
                "persons", List.of(child("Mureșan", "Ștefan", "2011-01-15"))));
        olena = opened(be, Map.of("centerId", BE, "category", "runaway", "riskLevel", "HIGH",
                "riskReason", "left the reception centre after a dispute", "fields", Map.of("last-seen-place", "Gent"),
                "persons", List.of(child("Шевченко", "Олена", "2013-07-07"))));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (homeward != null) {
            homeward.stop();
        }
    }

    @Test
    void aNameInLatinLettersFindsItInGreekAndCyrillic() throws Exception {
        JsonNode greek = search(gr, "q", "Papadopoulou");
        assertEquals(List.of(id(maria), id(eleni)), ids(greek), "the same spelling first, then the misspelling");
        assertEquals(List.of("SAME_SPELLING", "SIMILAR_SPELLING"), reasons(greek));
        assertEquals(List.of(personId(maria), personId(eleni)), texts(greek.get("matches"), "personId"),
                "the person whose name matched");
        assertEquals(List.of(id(maria), id(eleni)), texts(greek.get("matches"), "caseId"), "in the order of items");
        assertTrue(greek.get("matches").get(0).get("score").asInt() > greek.get("matches").get(1).get("score").asInt());
        assertEquals(2, greek.get("total").asLong());
        assertFalse(greek.get("totalCapped").asBoolean());

        JsonNode cyrillic = search(be, "q", "Shevchenko");
        assertEquals(List.of(id(olena)), ids(cyrillic));
        assertEquals(List.of("SAME_SPELLING"), reasons(cyrillic));
        assertEquals(List.of(id(olena)), ids(search(be, "q", "olena shevch")), "a name being typed");
    }

    @Test
    void aRomanianNameIsFoundWithTheCedillaOrWithoutDiacritics() throws Exception {
        assertEquals(List.of(id(stefan)), ids(search(ro, "q", "Ştefan")), "ş with a cedilla finds ș with a comma");
        assertEquals(List.of(id(stefan)), ids(search(ro, "q", "stefan muresan")));
        assertEquals(List.of(id(stefan)), ids(search(ro, "q", "Mureşan Ştefan")), "any order");
    }

    @Test
    void aFullNameFindsThePersonInAnyScriptOrAMixOfThem() throws Exception {
        JsonNode full = search(gr, "q", "Maria Papadopoulou");
        assertEquals(List.of(id(maria)), ids(full), "both words of one person: not Eleni Papadopulu");
        assertEquals(List.of("SAME_SPELLING"), reasons(full));
        assertEquals(List.of(id(maria)), ids(search(gr, "q", "Maria Παπαδοπούλου")), "mixed scripts");
        assertEquals(List.of(id(maria)), ids(search(gr, "q", "ΜΑΡΙΑ παπαδοπουλου")), "without tonos, any case");
    }

    @Test
    void aMisspellingFindsTheNameBelowTheExactSpelling() throws Exception {
        JsonNode misspelt = search(gr, "q", "Papadopulu");
        assertEquals(List.of(id(eleni), id(maria)), ids(misspelt), "the exact Papadopulu first");
        assertEquals(List.of("SAME_SPELLING", "SIMILAR_SPELLING"), reasons(misspelt));
    }

    @Test
    void aCaseNumberIsFoundByItsBeginning() throws Exception {
        String number = maria.get("number").asText();
        JsonNode found = search(gr, "q", number.substring(0, number.length() - 2).toLowerCase());
        assertTrue(ids(found).contains(id(maria)), found.toString());
        JsonNode match = found.get("matches").get(ids(found).indexOf(id(maria)));
        assertEquals("CASE_NUMBER", match.get("reason").asText());
        assertTrue(match.get("personId").isNull(), "a number matches no person");
        assertEquals(List.of(id(maria)), ids(search(gr, "q", number)));
        assertEquals(List.of(), ids(search(gr, "q", number + "9")));
    }

    @Test
    void noCenterSeesNorCountsACaseItMayNotRead() throws Exception {
        for (ApiClient outsider : List.of(ro, be)) {
            JsonNode none = search(outsider, "q", "Papadopoulou");
            assertEquals(List.of(), ids(none));
            assertEquals(0, none.get("total").asLong(), "not even counted");
            assertEquals(0, search(outsider, "q", maria.get("number").asText()).get("total").asLong());
        }
        assertEquals(0, search(gr, "q", "Shevchenko").get("total").asLong());
        assertEquals(0, search(gr, "q", "Ştefan").get("total").asLong());
        JsonNode acrossMembers = search(hub, "q", "Papadopoulou");
        assertEquals(List.of(id(maria), id(eleni)), ids(acrossMembers), "the hub reads its member countries");
        assertEquals(List.of(id(stefan)), ids(search(hub, "q", "Ştefan")));
        assertEquals(0, search(hub, "q", "Shevchenko").get("total").asLong(), "Belgium is no member of the hub");
        assertEquals(0, search(be, "bornFrom", "2012-05-04", "bornTo", "2012-05-04").get("total").asLong(),
                "nor by the filters");
        assertEquals(0, search(ro, "risk", "HIGH").get("total").asLong());
    }

    @Test
    void theFiltersNarrowTheSearch() throws Exception {
        JsonNode high = search(gr, "risk", "HIGH");
        assertEquals(List.of(id(maria)), ids(high));
        assertEquals(List.of(), texts(high.get("matches"), "caseId"), "no matches without q");
        assertEquals(List.of(id(maria)), ids(search(gr, "q", "Papadopoulou", "risk", "HIGH")));
        assertEquals(List.of(id(maria)), ids(search(gr, "bornFrom", "2012-01-01", "bornTo", "2012-12-31")));
        assertEquals(List.of(id(eleni)), ids(search(gr, "q", "Papadopoulou", "bornFrom", "2014-09-30")));
        assertEquals(List.of(id(maria)), ids(search(hub, "q", "Papadopoulou", "bornTo", "2013-01-01")));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(2, search(gr, "openedFrom", today, "openedTo", today).get("total").asLong(),
                "opened today (UTC)");
        assertEquals(0, search(gr, "openedTo", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString())
                .get("total").asLong());
        assertEquals(1, search(gr, "openedFrom", today, "risk", "MEDIUM", "q", "Eleni").get("total").asLong());
        JsonNode statistics = gr.get("/api/v1/cases/statistics?risk=HIGH&bornTo=2013-01-01").body();
        assertEquals(1, statistics.get("total").asLong(), "statistics take the same filters");
    }

    @Test
    void badInputIsRefusedNamingTheParameterOrFindsNothingNeverA500() throws Exception {
        assertBad("q=", "'q'");
        assertBad("q=" + "x".repeat(1000), "'q'");
        assertBad("q=Maria%00", "'q'");
        assertBad("q=Maria%1B%5B31m", "'q'");
        assertBad("q=Maria%0APapadopoulou", "'q'");
        assertBad("risk=URGENT", "'risk'");
        assertBad("openedFrom=01%2F03%2F2026", "'openedFrom'");
        assertBad("openedTo=2026-02-30", "'openedTo'");
        assertBad("bornFrom=yesterday", "'bornFrom'");
        assertBad("bornTo=2012-13-01", "'bornTo'");
        assertBad("openedFrom=2026-03-02&openedTo=2026-03-01", "openedFrom");
        assertBad("bornFrom=2013-01-01&bornTo=2012-01-01", "bornFrom");

        for (String nothing : List.of("!!!", "...", "-- ;", "%", "_", "%%__", "_apadopoulou", "%opoulou", "' OR 1=1 --")) {
            ApiClient.Response answer = gr.get("/api/v1/cases?q=" + encode(nothing));
            assertEquals(200, answer.status(), nothing + ": " + answer.body());
            assertEquals(0, answer.body().get("total").asLong(), nothing + " matched: " + answer.body());
            assertEquals(0, answer.body().get("matches").size());
        }
        // bytes that are no UTF-8 (malformed escapes such as %G1, which java.net.URI cannot send, answer the same)
        for (String undecodable : List.of("%FF%FE", "%C3%28", "%C0%AF")) {
            assertBad("q=" + undecodable, "UTF-8");
        }
        assertEquals(List.of(id(maria), id(eleni)), ids(search(gr, "q", "Papadopoulou")), "and search goes on");
    }

    private static void assertBad(String queryString, String parameter) throws Exception {
        ApiClient.Response answer = gr.get("/api/v1/cases?" + queryString);
        assertEquals(400, answer.status(), queryString + ": " + answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), queryString);
        String detail = answer.body().get("detail").asText();
        assertTrue(detail.contains(parameter), queryString + " → " + detail);
        assertFalse(detail.contains("Exception"), detail);
    }

    /** @return the answer of a search with these parameters (names and values in pairs), asserting a 200 */
    private static JsonNode search(ApiClient api, String... parameters) throws Exception {
        StringBuilder path = new StringBuilder("/api/v1/cases?limit=50");
        for (int i = 0; i < parameters.length; i += 2) {
            path.append('&').append(parameters[i]).append('=').append(encode(parameters[i + 1]));
        }
        ApiClient.Response answer = api.get(path.toString());
        assertEquals(200, answer.status(), path + ": " + answer.body());
        return answer.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode page) {
        return texts(page.get("items"), "id");
    }

    private static List<String> reasons(JsonNode page) {
        return texts(page.get("matches"), "reason");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    private static String id(JsonNode c) {
        return c.get("id").asText();
    }

    private static String personId(JsonNode c) {
        return c.get("persons").get(0).get("id").asText();
    }

    private static JsonNode opened(ApiClient api, Map<String, Object> intake) throws Exception {
        ApiClient.Response opened = api.post("/api/v1/cases", intake);
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        return opened.body();
    }

    private static Map<String, Object> child(String familyName, String givenName, String born) {
        return Map.of("role", "CHILD", "familyName", familyName, "givenName", givenName, "dateOfBirth", born);
    }
}
