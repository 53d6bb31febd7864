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

    /**
     * Every operation of the OpenAPI that takes a JSON body, sent bodies no client should send: each answer is a 4xx
     * problem, never a 5xx (before: {@code null} answered 500 on 19 routes, deep nesting and a 1,200-digit number on
     * every route, a null member on the session's).
     */
    @Test
    void everyJsonRouteRefusesHostileBodiesWithA4xx() throws Exception {
        List<String> bodies = List.of("null", "[]", "\"text\"", "12", "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"reason\":" + "9".repeat(1200) + "}", "{\"username\":null,\"password\":null}",
                "{\"language\":null}", "{\"currentPassword\":null,\"newPassword\":null}",
                "{\"text\":\"a\u0000b\"}", "{\"text\":\"x\",\"text\":\"y\"}", "{\"caseId\":\"../../etc/passwd\"}",
                "{\"reason\":1e999999}", "{\"text\":\"\\ud800\"}");
        JsonNode paths = api.get("/api/v1/openapi.json").body().get("paths");
        int sent = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
            String target = path.getKey().replace("{id}", caseId).replaceAll("\\{[^}]+}",
                    "00000000-0000-4000-8000-000000000000");
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!operation.getValue().path("requestBody").path("content").has("application/json")) {
                    continue;
                }
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                for (String body : bodies) {
                    ApiClient.Response answer = api.send(method, target, body, "If-Match", etag());
                    assertTrue(answer.status() >= 400 && answer.status() < 500, method + " " + target + " " + body
                            + " answered " + answer.status() + ": " + answer.body());
                    sent++;
                }
                byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
                ApiClient.Response answer = api.send(method, target, "application/json",
                        HttpRequest.BodyPublishers.ofByteArray(invalidUtf8), "If-Match", etag());
                assertTrue(answer.status() >= 400 && answer.status() < 500, method + " " + target + " invalid UTF-8"
                        + " answered " + answer.status());
                sent++;
            }
        }
        for (String query : List.of("?q=a%00b", "?assignee=%00", "?center=%C3%28", "?q=%ED%A0%80")) {
            ApiClient.Response answer = api.get("/api/v1/cases" + query);
            assertEquals(400, answer.status(), query + ": " + answer.body());
            sent++;
        }
        assertTrue(sent > 300, "only " + sent + " requests: the OpenAPI lost its bodies?");
        System.out.printf("%d hostile bodies sent to the JSON operations of the OpenAPI, each refused with a 4xx%n",
                sent);
        assertUnchanged();
    }

    /** A body that breaks off or is wrongly chunked is the client's fault: a 400, never a 500 (before: 500). */
    @Test
    void brokenBodiesAre400() throws Exception {
        byte[] note = "{\"text\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        String json = "Content-Type: application/json\r\n";
        ApiClient.Response badChunk = api.sendRaw("POST", casePath + "/notes", json + "Transfer-Encoding: chunked\r\n",
                ("zz\r\n" + new String(note, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badChunk.status(), String.valueOf(badChunk.body()));
        ApiClient.Response endless = api.sendRaw("POST", casePath + "/notes", json + "Transfer-Encoding: chunked\r\n",
                ("ffffffffffffffffff\r\n" + new String(note, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertEquals(400, endless.status(), String.valueOf(endless.body()));
        assertUnchanged();
    }

    /** TRACE would echo the request's headers; a method no route knows is 405 with what is allowed, not 501. */
    @Test
    void traceAndUnknownMethodsAre405WithTheAllowedOnes() throws Exception {
        for (String path : List.of("/api/v1/session", "/api/v1/cases", casePath, "/health")) {
            for (String method : List.of("TRACE", "PROPFIND", "FOO", "get")) {
                ApiClient.Response answer = api.send(method, path, null, HttpRequest.BodyPublishers.noBody(),
                        "X-CSRF-Token", "echo-me");
                assertEquals(405, answer.status(), method + " " + path);
                assertTrue(answer.header("Allow") != null && answer.header("Allow").contains("GET"),
                        method + " " + path + " Allow: " + answer.header("Allow"));
                assertTrue(!String.valueOf(answer.body()).contains("echo-me"), method + " " + path + " echoed");
            }
        }
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
