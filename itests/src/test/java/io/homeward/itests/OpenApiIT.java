package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description the platform serves is true of the running platform: every operation it lists, called
 * with real ids (a case, a note, an attachment that exist), is a route the server knows — answered neither 404
 * nor 405 nor 5xx, whatever else it says about the (deliberately empty) request.
 */
class OpenApiIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @TempDir
    Path folder;

    @Test
    void everyDescribedOperationIsServed() throws Exception {
        try (HomewardInstance homeward = HomewardInstance.layOut(folder)) {
            // a second center to address a transfer request to
            homeward.start("--features", "child-focus,smile-of-the-child");
            ApiClient api = ApiClient.forCenter(homeward, RunawayCases.CENTER);
            ApiClient.Response opened = api.post("/api/v1/cases", RunawayCases.intake("Openapi"));
            assertEquals(201, opened.status(), String.valueOf(opened.body()));
            String caseId = opened.body().get("id").asText();
            ApiClient.Response attached = api.send("POST", "/api/v1/cases/" + caseId + "/attachments?filename=a.txt",
                    "text/plain", HttpRequest.BodyPublishers.ofString("statement", StandardCharsets.UTF_8));
            assertEquals(201, attached.status(), String.valueOf(attached.body()));

            ApiClient.Response referral = api.post("/api/v1/referrals", java.util.Map.of("caseId", caseId,
                    "agency", "Federal Police"));
            assertEquals(201, referral.status(), String.valueOf(referral.body()));
            ApiClient.Response share = api.post("/api/v1/transfers", java.util.Map.of("caseId", caseId,
                    "kind", "SHARE", "toCenterId", "smile-of-the-child", "reason", "seen in Athens"));
            assertEquals(201, share.status(), String.valueOf(share.body()));
            String[] alert = issuedAlert(homeward, api);
            // the alert's case has a child of the same name: a decision about the two cases, to undo
            ApiClient.Response link = api.post("/api/v1/duplicates/links", java.util.Map.of("caseId", caseId,
                    "otherCaseId", alert[2], "sameChild", false, "reason", "born five years apart"));
            assertEquals(201, link.status(), String.valueOf(link.body()));

            ApiClient.Response served = api.get("/api/v1/openapi.json");
            assertEquals(200, served.status());
            assertEquals("3.1.0", served.body().get("openapi").asText());
            List<String> failures = new ArrayList<>();
            int operations = 0;
            for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) served.body().get("paths")::fields) {
                String concrete = path.getKey().replace("{id}", caseId).replace("{centerId}", RunawayCases.CENTER)
                        .replace("{attachmentId}", attached.body().get("id").asText())
                        .replace("{caseId}", caseId).replace("{referralId}", referral.body().get("id").asText())
                        .replace("{transferId}", share.body().get("id").asText())
                        .replace("{alertId}", alert[0]).replace("{messageId}", alert[1])
                        .replace("{linkId}", link.body().get("id").asText());
                for (String method : (Iterable<String>) path.getValue()::fieldNames) {
                    if (!METHODS.contains(method)) {
                        continue;
                    }
                    operations++;
                    String upper = method.toUpperCase(Locale.ROOT);
                    int status = upper.equals("GET") ? api.download(concrete).statusCode()
                            : api.send(upper, concrete, "{}").status();
                    if (status == 404 || status == 405 || status >= 500) {
                        failures.add(upper + " " + path.getKey() + " answered " + status);
                    }
                }
            }
            assertTrue(operations >= 18, "the description lists only " + operations + " operations");
            assertEquals(List.of(), failures);
        }
    }

    /**
     * @return the ids of an issued alert of Child Focus, of its CAP message (requested and approved by two people) and
     *     of its case
     */
    private static String[] issuedAlert(HomewardInstance homeward, ApiClient requester) throws Exception {
        ApiClient.Response opened = requester.post("/api/v1/cases", java.util.Map.of("centerId", RunawayCases.CENTER,
                "category", "third-party-abduction", "riskLevel", "HIGH", "riskReason", "taken by a stranger",
                "fields", java.util.Map.of("life-in-danger", "yes", "public-can-help", "yes", "police-reference", "P-1"),
                "persons", List.of(java.util.Map.of("role", "CHILD", "familyName", "Openapi", "givenName", "Test",
                        "dateOfBirth", "2016-05-01"))));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        ApiClient.Response requested = requester.post("/api/v1/alerts", java.util.Map.of("caseId",
                opened.body().get("id").asText(), "reason", "openapi"));
        assertEquals(201, requested.status(), String.valueOf(requested.body()));
        String alertId = requested.body().get("id").asText();
        assertEquals(0, homeward.client("user:add", "child-focus.decider", RunawayCases.CENTER, "SUPERVISOR").status());
        ApiClient decider = ApiClient.withToken(homeward, ApiClient.issueToken(homeward, "child-focus.decider"));
        assertEquals(200, decider.post("/api/v1/alerts/" + alertId + "/decision", java.util.Map.of("approve", true,
                "reasons", "openapi", "urgency", "IMMEDIATE", "severity", "SEVERE", "certainty", "LIKELY")).status());
        ApiClient.Response issued = decider.post("/api/v1/alerts/" + alertId + "/issue", java.util.Map.of());
        assertEquals(200, issued.status(), String.valueOf(issued.body()));
        return new String[] {alertId, issued.body().get("messages").get(0).get("id").asText(),
            opened.body().get("id").asText()};
    }
}
