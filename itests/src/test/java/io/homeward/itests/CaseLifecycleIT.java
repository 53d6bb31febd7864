package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation end to end on the real distribution: the Child Focus feature installed, one case opened
 * through the CaseService from a bundle inside the framework and one over HTTP, two workflow actions on
 * each, a clean stop and a restart, and both cases read back with their timelines.
 */
class CaseLifecycleIT {

    private static final Pattern CASE_LINE = Pattern.compile(
            "case id=(\\S+) number=(\\S+) status=(\\S+) version=(\\d+) workflow=(\\S+) fields=(.*)");

    @TempDir
    Path folder;

    @Test
    void casesOpenedThroughTheServiceAndOverHttpSurviveARestartWithTheirTimelines() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        homeward.deploy(HomewardInstance.probeBundle());
        String year = Year.now().toString();
        String serviceCaseId;
        String httpCaseId;
        try (homeward) {
            homeward.start("--features", "child-focus");
            ApiClient api = ApiClient.forCenter(homeward, "child-focus");

            // through the CaseService, from the probe bundle inside the framework
            Matcher opened = probe(homeward, "probe:open", "child-focus", "runaway", "2011-03-02", "last-seen-place=Gent");
            serviceCaseId = opened.group(1);
            assertTrue(opened.group(2).matches("CF-" + year + "-\\d{5}"), opened.group(2));
            assertEquals("reported", opened.group(3));
            assertEquals("disappearance/1", opened.group(5));
            Matcher refused = Pattern.compile("police-reference").matcher(
                    homeward.client("probe:perform", serviceCaseId, "confirm-police-report", "0").output());
            assertTrue(refused.find(), "entering investigation without the police reference must be refused");
            assertEquals("investigation", probe(homeward, "probe:perform", serviceCaseId, "confirm-police-report", "0",
                    "police-reference=GE.12.LB.1/26").group(3));
            assertEquals("public-appeal", probe(homeward, "probe:perform", serviceCaseId, "publish-appeal", "1").group(3));

            // over HTTP
            ApiClient.Response created = api.post("/api/v1/cases", Map.of(
                    "centerId", "child-focus", "category", "international-parental-abduction", "riskLevel", "HIGH",
                    "riskReason", "taken abroad by the father after a weekend visit",
                    "fields", Map.of("destination-country", "MA"),
                    "persons", List.of(Map.of("role", "CHILD", "familyName", "Janssens", "givenName", "Noor",
                            "sex", "FEMALE", "dateOfBirth", "2019-06-01"))));
            assertEquals(201, created.status(), String.valueOf(created.body()));
            httpCaseId = created.body().get("id").asText();
            assertEquals("\"0\"", created.etag());
            ApiClient.Response legal = api.post("/api/v1/cases/" + httpCaseId + "/transitions",
                    Map.of("action", "start-legal-support"), "If-Match", created.etag());
            assertEquals(200, legal.status(), String.valueOf(legal.body()));
            ApiClient.Response hague = api.post("/api/v1/cases/" + httpCaseId + "/transitions",
                    Map.of("action", "file-hague-application", "fields", Map.of("central-authority-reference", "FOD-2026-77")),
                    "If-Match", legal.etag());
            assertEquals(200, hague.status(), String.valueOf(hague.body()));
            assertEquals("hague-proceedings", hague.body().get("status").asText());
            homeward.stop();
            assertEquals(143, homeward.exitValue(), "SIGTERM ends the launcher with 128+15 after a clean stop");

            // restarted without --features: the installed features come back by themselves
            homeward.start();
            ApiClient.Response health = api.get("/api/v1/health");
            assertEquals(200, health.status());
            assertTrue(health.body().get("features").toString().contains("child-focus"), health.body().toString());

            String shown = awaitProbe(homeward, "probe:show", serviceCaseId);
            assertTrue(shown.contains("status=public-appeal version=2"), shown);
            assertTrue(shown.contains("police-reference=GE.12.LB.1/26"), shown);
            assertEquals(List.of("event kind=OPENED action=null from=null to=reported actor=probe",
                    "event kind=ACTION action=confirm-police-report from=reported to=investigation actor=probe",
                    "event kind=ACTION action=publish-appeal from=investigation to=public-appeal actor=probe"),
                    shown.lines().filter(l -> l.startsWith("event")).toList());

            ApiClient.Response read = api.get("/api/v1/cases/" + httpCaseId);
            assertEquals(200, read.status());
            assertEquals("hague-proceedings", read.body().get("status").asText());
            assertEquals("\"2\"", read.etag());
            assertEquals("Noor", read.body().get("persons").get(0).get("details").get("givenName").asText());
            JsonNode history = api.get("/api/v1/cases/" + httpCaseId + "/history").body().get("items");
            assertEquals(3, history.size(), history.toString());
            assertEquals("OPENED", history.get(0).get("kind").asText());
            assertEquals("start-legal-support", history.get(1).get("action").asText());
            assertEquals("file-hague-application", history.get(2).get("action").asText());
            assertEquals("hague-proceedings", history.get(2).get("toStatus").asText());
        }
    }

    /** Runs a probe command that must succeed and answer one case line. */
    private static Matcher probe(HomewardInstance homeward, String... command) {
        String output = awaitProbe(homeward, command);
        Matcher m = CASE_LINE.matcher(output);
        assertTrue(m.find(), output);
        return m;
    }

    /** The probe's commands appear a moment after boot, once FileInstall has deployed it. */
    private static String awaitProbe(HomewardInstance homeward, String... command) {
        String[] output = new String[1];
        HomewardInstance.awaitCondition("the probe to answer " + command[0], Duration.ofSeconds(60), () -> {
            HomewardInstance.Result result = homeward.client(command);
            output[0] = result.output();
            if (result.status() != 0 && !result.output().contains("Command not found")) {
                throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
            }
            return result.status() == 0;
        });
        return output[0];
    }
}
