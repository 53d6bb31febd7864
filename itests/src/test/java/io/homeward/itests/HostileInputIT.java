package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input over HTTP against the real platform: each request gets the 4xx it deserves, with a
 * problem+json detail, and writes nothing — the counts of cases, and the case's version, persons, notes,
 * attachments and timeline are the same after it as before. Requests forged from another site (a session cookie
 * without the X-CSRF-Token header) are refused by the authentication filter; SecurityIT covers them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final int FIFTY_MB = 50 * 1024 * 1024;

    @TempDir
    static Path folder;

    private HomewardInstance homeward;
    private ApiClient api;
    private String caseId;
    private String casePath;
    private State before;

    /** What a refused request must leave as it was. */
    private record State(long cases, String version, int persons, int notes, int attachments, int history) {
    }

    @BeforeAll
    void start() throws Exception {
        homeward = HomewardInstance.layOut(folder).start("--features", "child-focus");
        api = ApiClient.forCenter(homeward, RunawayCases.CENTER);
        ApiClient.Response opened = api.post("/api/v1/cases", RunawayCases.intake("Hostile"));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        caseId = opened.body().get("id").asText();
        casePath = "/api/v1/cases/" + caseId;
    }

    @AfterAll
    void stop() throws Exception {
        homeward.close();
    }

    @BeforeEach
    void recordState() throws Exception {
        before = state();
    }

    @Test
    void aScriptInANameIsStoredAndReturnedAsJsonData() throws Exception {
        String script = "<script>alert('x')</script>\"};";
        ApiClient.Response added = api.post(casePath + "/persons", Map.of("role", "CONTACT", "familyName", script),
                "If-Match", etag());
        assertEquals(201, added.status(), String.valueOf(added.body()));
        assertEquals(script, added.body().get("details").get("familyName").asText());

        ApiClient.Response read = api.get(casePath);
        assertEquals("application/json", read.header("Content-Type").split(";")[0]);
        assertEquals("nosniff", read.header("X-Content-Type-Options"));
        JsonNode persons = read.body().get("persons");
        assertEquals(script, persons.get(persons.size() - 1).get("details").get("familyName").asText(),
                "the name comes back exactly as data, in valid JSON");
        ApiClient.Response found = api.get("/api/v1/cases?q=" + URLEncoder.encode("<script>", StandardCharsets.UTF_8));
        assertEquals(1, found.body().get("total").asLong());
    }

    @Test
    void sqlLookingSearchTextIsTakenLiterally() throws Exception {
        for (String text : List.of("' OR 1=1 --", "%", "_", "%' OR '1'='1", "\\", "!%")) {
            ApiClient.Response result = api.get("/api/v1/cases?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
            assertEquals(200, result.status(), text);
            assertEquals(0, result.body().get("total").asLong(), text + " matched: " + result.body());
        }
        ApiClient.Response all = api.get("/api/v1/cases?q=" + URLEncoder.encode("hostile", StandardCharsets.UTF_8));
        assertEquals(1, all.body().get("total").asLong(), "plain text still finds the case");
        assertUnchanged();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(400, api.post("/api/v1/cases", "{\"centerId\": \"child-focus\", \"category\" \"runaway\"}"), "malformed JSON");
        assertProblem(400, api.post("/api/v1/cases", "{\"centerId\": \"child-focus\", "), "malformed JSON");
        assertProblem(400, api.send("PATCH", casePath, "{\"fields\": {\"last-seen-place\": \"Gent\"", "If-Match", etag()),
                "malformed JSON");
        assertProblem(400, api.post(casePath + "/notes", "[]"), "wrong type");
        assertProblem(400, api.post(casePath + "/notes", ""), "empty");
        assertUnchanged();
    }

    @Test
    void jsonOverOneMegabyteIs413() throws Exception {
        String huge = "{\"text\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        assertProblem(413, api.post(casePath + "/notes", huge), "larger than");
        Map<String, Object> intake = new java.util.HashMap<>(RunawayCases.intake("Huge"));
        intake.put("riskReason", "y".repeat(2 * 1024 * 1024));
        assertProblem(413, api.post("/api/v1/cases", intake), "larger than");
        assertUnchanged();
    }

    @Test
    void wrongTypesAre400() throws Exception {
        Map<String, Object> intake = new java.util.HashMap<>(RunawayCases.intake("Typed"));
        intake.put("riskLevel", 3);
        assertProblem(400, api.post("/api/v1/cases", intake), "riskLevel");
        intake.put("riskLevel", "HIGH");
        intake.put("persons", "Noor");
        assertProblem(400, api.post("/api/v1/cases", intake), "persons");
        assertProblem(400, api.send("PATCH", casePath, Map.of("fields", Map.of("last-seen-place", 42)), "If-Match", etag()),
                "fields.last-seen-place");
        assertProblem(400, api.send("PUT", casePath + "/assignee", Map.of("assignee", List.of("a", "b")), "If-Match", etag()),
                "assignee");
        assertProblem(400, api.post(casePath + "/notes", Map.of("text", true)), "text");
        assertProblem(400, api.get("/api/v1/cases?limit=ten"), "limit");
        assertProblem(400, api.get("/api/v1/cases?sort=name"), "sort");
        assertUnchanged();
    }

    @Test
    void unknownFieldsAre400() throws Exception {
        assertProblem(400, api.post(casePath + "/notes", Map.of("text", "x", "author", "someone-else")), "author");
        assertProblem(400, api.send("PATCH", casePath, Map.of("fields", Map.of(), "status", "closed"), "If-Match", etag()),
                "status");
        assertProblem(400, api.post(casePath + "/persons", Map.of("role", "CONTACT", "admin", true), "If-Match", etag()),
                "admin");
        assertProblem(422, api.send("PATCH", casePath, Map.of("fields", Map.of("favourite-colour", "red")), "If-Match",
                etag()), "favourite-colour");
        assertUnchanged();
    }

    @Test
    void aFiftyMegabyteAttachmentIs413AndNothingIsStored() throws Exception {
        String upload = casePath + "/attachments?filename=huge.pdf";
        // announced: refused from Content-Length, before the body is asked for (no 100 Continue), so never sent
        assertProblem(413, api.announceUpload(upload, "application/pdf", FIFTY_MB), "larger than");
        // not announced (chunked): the server stops reading after its limit; the client may see the 413 or only
        // the connection closed under the rest of its upload
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                ApiClient.Response chunked = api.send("POST", upload, "application/pdf",
                        HttpRequest.BodyPublishers.ofInputStream(() -> pdf(FIFTY_MB)));
                assertProblem(413, chunked, "larger than");
            } catch (IOException closedUnderTheUpload) {
                // the answer was lost with the connection: what counts is that nothing was stored (below)
            }
        });
        assertUnchanged();
        assertEquals(200, api.get("/health").status(), "the platform is still up");
    }

    @Test
    void attachmentsAreJudgedByTheirContent() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};
        assertProblem(415, api.send("POST", casePath + "/attachments?filename=photo.png", "image/png",
                HttpRequest.BodyPublishers.ofByteArray(elf)), "none of the accepted types");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        assertProblem(415, api.send("POST", casePath + "/attachments?filename=report.pdf", "application/pdf",
                HttpRequest.BodyPublishers.ofByteArray(png)), "image/png");
        assertProblem(400, api.send("POST", casePath + "/attachments", "image/png",
                HttpRequest.BodyPublishers.ofByteArray(png)), "filename");
        assertUnchanged();

        ApiClient.Response stored = api.send("POST", casePath + "/attachments?filename=..%2F..%2Fphoto.png",
                "image/png", HttpRequest.BodyPublishers.ofByteArray(png));
        assertEquals(201, stored.status(), String.valueOf(stored.body()));
        assertEquals("photo.png", stored.body().get("filename").asText());
        var download = api.download(stored.header("Location"));
        assertEquals(200, download.statusCode());
        assertEquals("image/png", download.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
        assertTrue(java.util.Arrays.equals(png, download.body()));
    }

    private static InputStream pdf(int size) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= size) {
                    return -1;
                }
                int n = Math.min(len, size - sent);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) (sent + i < 5 ? "%PDF-".charAt(sent + i) : 'x');
                }
                sent += n;
                return n;
            }
        };
    }

    private String etag() throws Exception {
        return api.get(casePath).etag();
    }

    private State state() throws Exception {
        JsonNode read = api.get(casePath).body();
        return new State(api.get("/api/v1/cases").body().get("total").asLong(), read.get("version").asText(),
                read.get("persons").size(), api.get(casePath + "/notes").body().get("items").size(),
                api.get(casePath + "/attachments").body().get("items").size(),
                api.get(casePath + "/history").body().get("items").size());
    }

    private void assertUnchanged() throws Exception {
        assertEquals(before, state(), "a refused request wrote something");
    }

    private static void assertProblem(int status, ApiClient.Response response, String detailMentions) {
        assertEquals(status, response.status(), String.valueOf(response.body()));
        assertEquals("application/problem+json", response.header("Content-Type").split(";")[0]);
        String detail = response.body().get("detail").asText() + " " + response.body().path("errors");
        assertTrue(detail.contains(detailMentions), "'" + detail + "' should mention " + detailMentions);
        assertTrue(!detail.contains("Exception") && !detail.contains("at io."), "no stack traces: " + detail);
    }
}
