package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four centers on one platform (the seec deployment plus Child Focus), over HTTP: the same intake gets each
 * center's own numbering, categories, required fields, workflow states and SLA deadlines; the hub routes to
 * national centers, handles members without one under its own rules, and sees across its member countries
 * while a national center sees only its own.
 */
class CentersIT {

    @TempDir
    static Path folder;
    static HomewardInstance homeward;
    /** A supervisor's client per center: each center's staff open and work its own cases. */
    static final Map<String, ApiClient> STAFF = new HashMap<>();
    static final String YEAR = Year.now().toString();

    @BeforeAll
    static void startTheSeecDeploymentWithChildFocus() throws IOException {
        homeward = HomewardInstance.layOut(folder);
        homeward.deploy(HomewardInstance.probeBundle());
        homeward.start("--features", "seec,child-focus");
        for (String center : List.of("child-focus", "smile-of-the-child", "focus-ro", "seec")) {
            STAFF.put(center, ApiClient.forCenter(homeward, center));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (homeward != null) {
            homeward.stop();
        }
    }

    @Test
    void aFifteenYearOldRunawayGetsEachCentersOwnRules() throws Exception {
        // Belgium: opens without police details, chases the police report within 24 hours
        JsonNode be = intake("child-focus", "RUNAWAY", Map.of(), 15);
        assertCase(be, "CF-" + YEAR + "-\\d{5}", "reported", "police-report", 24);
        // Greece: refuses to open until the police have been informed
        ApiClient.Response refused = post("smile-of-the-child", "RUNAWAY", Map.of(), 15);
        assertEquals(422, refused.status(), refused.body().toString());
        assertTrue(refused.body().get("detail").asText().contains("police-station"), refused.body().toString());
        JsonNode gr = intake("smile-of-the-child", "RUNAWAY", Map.of("police-station", "Ampelokipoi"), 15);
        assertCase(gr, "GR-" + YEAR + "-\\d{5}", "reported", "family-contact", 2);
        // Romania: its own state names, the police notified within the hour
        JsonNode ro = intake("focus-ro", "RUNAWAY", Map.of(), 15);
        assertCase(ro, "FOCUS-" + YEAR + "-\\d{6}", "registered", "police-notification", 1);

        // the next step differs too: Greece needs the family contact, a person linked to the case
        ApiClient.Response noContact = act(gr, "contact-family", Map.of());
        assertEquals(422, noContact.status(), noContact.body().toString());
        String reporterId = gr.get("persons").get(1).get("id").asText();
        ApiClient.Response contacted = act(gr, "contact-family", Map.of("family-contact", reporterId));
        assertEquals(200, contacted.status(), contacted.body().toString());
        assertEquals("family-contacted", contacted.body().get("status").asText());
        assertTrue(contacted.body().get("slas").get(0).hasNonNull("metAt"), "contacting the family meets the 2-hour SLA");
        ApiClient.Response notified = act(ro, "notify-police", Map.of("police-unit", "IPJ Cluj"));
        assertEquals(200, notified.status(), notified.body().toString());
        assertEquals("police-notified", notified.body().get("status").asText());
    }

    @Test
    void aParentalAbductionAcrossABorderGetsEachCentersOwnWorkflow() throws Exception {
        Map<String, String> abroad = Map.of("destination-country", "MA");
        JsonNode be = intake("child-focus", "PARENTAL_ABDUCTION_INTERNATIONAL", abroad, 7);
        assertEquals("parental-abduction", be.get("workflowId").asText(), "Child Focus runs the Hague Convention route");
        assertCase(be, "CF-" + YEAR + "-\\d{5}", "reported", "legal-first-contact", 48);
        Map<String, String> greek = new HashMap<>(abroad);
        greek.put("police-station", "Thessaloniki");
        JsonNode gr = intake("smile-of-the-child", "PARENTAL_ABDUCTION_INTERNATIONAL", greek, 7);
        assertEquals("missing-child", gr.get("workflowId").asText());
        JsonNode ro = intake("focus-ro", "PARENTAL_ABDUCTION_INTERNATIONAL", abroad, 7);
        assertEquals("missing", ro.get("workflowId").asText());
        assertEquals("MA", ro.get("fields").get("destination-country").asText());
    }

    @Test
    void theHubRoutesToNationalCentersAndHandlesOtherMembersUnderItsOwnRules() throws Exception {
        // Greece has its national center in this deployment: the hub's intake is transferred to it
        JsonNode routed = hubIntake("GR", Map.of("police-station", "Piraeus"));
        assertEquals("smile-of-the-child", routed.get("centerId").asText());
        assertTrue(routed.get("number").asText().matches("GR-" + YEAR + "-\\d{5}"), routed.toString());
        JsonNode history = api("seec").get("/api/v1/cases/" + routed.get("id").asText() + "/history").body().get("items");
        assertTrue(history.toString().contains("ROUTED"), history.toString());

        JsonNode romania = hubIntake("RO", Map.of());
        assertEquals("focus-ro", romania.get("centerId").asText());

        // Albania has none: the hub handles it, numbered per country, with Albania's intake rule
        ApiClient.Response missingAuthority = api("seec").post("/api/v1/cases", hubBody("AL", Map.of()));
        assertEquals(422, missingAuthority.status(), missingAuthority.body().toString());
        assertTrue(missingAuthority.body().toString().contains("reporting-authority"), missingAuthority.body().toString());
        JsonNode albania = hubIntake("AL", Map.of("reporting-authority", "State Police, Tirana"));
        assertEquals("seec", albania.get("centerId").asText());
        assertEquals("AL", albania.get("country").asText());
        assertTrue(albania.get("number").asText().matches("SEEC-AL-" + YEAR + "-\\d{4}"), albania.toString());

        // Belgium is not a member of the hub
        ApiClient.Response notMember = api("seec").post("/api/v1/cases", hubBody("BE", Map.of()));
        assertEquals(422, notMember.status(), notMember.body().toString());
        assertTrue(notMember.body().get("detail").asText().contains("AL"), "the refusal lists the members: " + notMember.body());

        // visibility, as the store enforces it for each center's staff
        Map<String, Long> hub = visible("seec");
        Map<String, Long> greece = visible("smile-of-the-child");
        Map<String, Long> belgium = visible("child-focus");
        assertTrue(hub.containsKey("GR") && hub.containsKey("AL") && hub.containsKey("RO"), "hub sees its members: " + hub);
        assertTrue(!hub.containsKey("BE"), "Belgium is no member of the hub: " + hub);
        assertEquals(List.of("GR"), List.copyOf(greece.keySet()), "a national center sees only its own: " + greece);
        assertEquals(List.of("BE"), List.copyOf(belgium.keySet()), "a national center sees only its own: " + belgium);
    }

    private static ApiClient api(String center) {
        return STAFF.get(center);
    }

    private static Map<String, Long> visible(String viewer) {
        String[] output = new String[1];
        HomewardInstance.awaitCondition("the probe", Duration.ofMinutes(1), () -> {
            HomewardInstance.Result r = homeward.client("probe:visible", viewer);
            output[0] = r.output();
            return r.status() == 0;
        });
        String counts = output[0].substring(output[0].indexOf("byCountry={") + 11, output[0].lastIndexOf('}'));
        Map<String, Long> byCountry = new java.util.TreeMap<>();
        for (String pair : counts.split(", ")) {
            if (!pair.isBlank()) {
                byCountry.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
            }
        }
        return byCountry;
    }

    private static void assertCase(JsonNode c, String numberPattern, String status, String sla, long hours) {
        assertTrue(c.get("number").asText().matches(numberPattern), c.get("number") + " !~ " + numberPattern);
        assertEquals(status, c.get("status").asText());
        JsonNode timer = c.get("slas").get(0);
        assertEquals(sla, timer.get("slaId").asText(), c.get("slas").toString());
        Duration allowed = Duration.between(Instant.parse(c.get("openedAt").asText()), Instant.parse(timer.get("deadline").asText()));
        assertEquals(Duration.ofHours(hours), allowed.withNanos(0).plusSeconds(allowed.getNano() > 500_000_000 ? 1 : 0));
    }

    private static JsonNode intake(String center, String caseType, Map<String, String> fields, int age) throws Exception {
        ApiClient.Response created = post(center, caseType, fields, age);
        assertEquals(201, created.status(), center + ": " + created.body());
        return created.body();
    }

    private static ApiClient.Response post(String center, String caseType, Map<String, String> fields, int age) throws Exception {
        return api(center).post("/api/v1/cases", Map.of("centerId", center, "category", category(center, caseType),
                "riskLevel", "HIGH", "riskReason", "left home after a row, phone off", "fields", fields,
                "persons", List.of(child(age), Map.of("role", "REPORTER", "familyName", "Test", "givenName", "Parent"))));
    }

    private static JsonNode hubIntake(String country, Map<String, String> fields) throws Exception {
        ApiClient.Response created = api("seec").post("/api/v1/cases", hubBody(country, fields));
        assertEquals(201, created.status(), country + ": " + created.body());
        return created.body();
    }

    private static Map<String, Object> hubBody(String country, Map<String, String> fields) {
        return Map.of("centerId", "seec", "category", "runaway", "country", country, "riskLevel", "MEDIUM",
                "riskReason", "reported by a border police unit", "fields", fields, "persons", List.of(child(15)));
    }

    private static Map<String, String> child(int age) {
        return Map.of("role", "CHILD", "familyName", "Test", "givenName", "Child", "sex", "FEMALE",
                "dateOfBirth", LocalDate.now().minusYears(age).minusDays(30).toString());
    }

    private static ApiClient.Response act(JsonNode c, String action, Map<String, String> fields) throws Exception {
        return api(c.get("centerId").asText()).post("/api/v1/cases/" + c.get("id").asText() + "/transitions", Map.of("action", action, "fields", fields),
                "If-Match", "\"" + c.get("version").asText() + "\"");
    }

    /** The center's own category for a shared case type, read from what its plugin declares. */
    private static String category(String center, String caseType) throws Exception {
        for (JsonNode category : api(center).get("/api/v1/centers/" + center).body().get("categories")) {
            if (category.get("caseType").asText().equals(caseType)) {
                return category.get("id").asText();
            }
        }
        throw new AssertionError(center + " declares no category of type " + caseType);
    }
}
