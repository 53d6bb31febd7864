package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication, authorization and the audit trail over real HTTP on a production-mode platform (the seec
 * deployment with Child Focus): the first start's one-time password, sessions with their cookie flags and CSRF
 * protection, bearer tokens, login throttling, the isolation matrix of every role against its own center's, another
 * center's and a hub member's case, and {@code audit:verify} before and after an audit row is edited in the H2 file.
 */
class SecurityIT {

    private static final Pattern ONE_TIME = Pattern.compile("One-time password \\(shown only now\\): (\\S+)");
    private static final List<String> ROLES = List.of("HOTLINE_OPERATOR", "CASE_WORKER", "SUPERVISOR", "HUB_ANALYST",
            "CENTER_ADMIN", "PLATFORM_ADMIN");
    private static final List<String> OPERATIONS = List.of("read", "write", "list", "search", "history");

    @TempDir
    Path folder;

    @Test
    void productionModeIsClosedByDefaultAndEveryRoleSeesExactlyWhatItMay() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        try (homeward) {
            homeward.start("--features", "seec,child-focus");
            ApiClient anonymous = new ApiClient(homeward);

            // first start: one administrator, its one-time password on the console once, never in the log
            Matcher printed = ONE_TIME.matcher(homeward.console());
            assertTrue(printed.find(), homeward.console());
            String oneTime = printed.group(1);
            assertFalse(printed.find(), "printed once");
            assertFalse(homeward.log().contains(oneTime), "the password is not in the log file");
            assertEquals(401, anonymous.post("/api/v1/session", Map.of("username", "admin", "password", "admin"))
                    .status(), "no default credentials");

            // nothing under /api/v1 without credentials; /health stays open
            ApiClient.Response closed = anonymous.get("/api/v1/cases");
            assertEquals(401, closed.status());
            assertEquals("application/problem+json", closed.headers().firstValue("Content-Type").orElse("")
                    .replaceAll(";.*", ""));
            assertEquals(401, anonymous.get("/api/v1/centers").status());
            // health: live and ready for anyone, saying UP and no more; what is installed only when signed in
            ApiClient.Response ready = anonymous.get("/health/ready");
            assertEquals(200, ready.status());
            assertEquals("{\"status\":\"UP\"}", ready.body().toString());
            assertEquals(ready.body(), anonymous.get("/health").body());
            assertEquals(200, anonymous.get("/health/live").status());
            assertEquals(401, anonymous.get("/api/v1/health").status());

            // the one-time password allows nothing but changing it
            ApiClient admin = new ApiClient(homeward);
            ApiClient.Response login = admin.login("admin", oneTime);
            assertEquals(200, login.status(), String.valueOf(login.body()));
            assertTrue(login.body().get("user").get("mustChangePassword").asBoolean());
            assertEquals(403, admin.get("/api/v1/centers").status());
            assertEquals(204, admin.put("/api/v1/session/password", Map.of("currentPassword", oneTime,
                    "newPassword", "a long and new admin secret")).status());
            assertEquals(200, admin.get("/api/v1/centers").status());
            assertEquals(403, admin.get("/api/v1/cases").status(), "platform administrators see no case content");

            sessionsAreHttpOnlySameSiteAndCsrfProtected(homeward);
            bearerTokensWorkUntilRevoked(homeward);
            repeatedFailuresAreThrottled(homeward);
            isolationMatrix(homeward);

            HomewardInstance.Result verified = homeward.client("audit:verify");
            assertEquals(0, verified.status(), verified.output());
            assertTrue(verified.output().contains("audit trail OK"), verified.output());
            homeward.stop();

            long edited = editAnAuditRow(homeward.data.resolve("db/homeward"));
            homeward.start();
            HomewardInstance.Result broken = homeward.client("audit:verify");
            System.out.println("audit:verify after editing row " + edited + ": " + broken.output().strip());
            assertEquals(1, broken.status(), broken.output());
            assertTrue(broken.output().contains("BROKEN at row " + edited + " "), broken.output());
        }
    }

    private static void sessionsAreHttpOnlySameSiteAndCsrfProtected(HomewardInstance homeward) throws Exception {
        HomewardInstance.Result added = homeward.client("user:add", "cf.browser", "child-focus", "CASE_WORKER");
        String password = added.output().replaceAll("(?s).*one-time password[^:]*: (\\S+).*", "$1").strip();
        ApiClient browser = new ApiClient(homeward);
        ApiClient.Response login = browser.login("cf.browser", password);
        assertEquals(200, login.status(), String.valueOf(login.body()));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("homeward_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"), cookie);
        JsonNode user = login.body().get("user");
        assertEquals("child-focus", user.get("centerId").asText());
        assertEquals("[\"CASE_WORKER\"]", user.get("roles").toString());
        assertTrue(user.get("languages").toString().contains("nl"), user.toString());
        assertEquals(204, browser.put("/api/v1/session/password", Map.of("currentPassword", password,
                "newPassword", "correct horse battery staple")).status());
        assertEquals(login.body().get("csrfToken"), browser.get("/api/v1/session").body().get("csrfToken"));
        assertEquals(204, browser.put("/api/v1/session/language", Map.of("language", "fr")).status());
        assertEquals(400, browser.put("/api/v1/session/language", Map.of("language", "el")).status(),
                "not a language of Child Focus");

        long before = browser.get("/api/v1/cases?limit=1").body().get("total").asLong();
        browser.forgetCsrfToken();
        ApiClient.Response forged = browser.post("/api/v1/cases", intake("child-focus", null, Map.of()));
        assertEquals(403, forged.status(), "a state-changing request without the CSRF token");
        assertTrue(forged.body().get("detail").asText().contains("X-CSRF-Token"));
        assertEquals(403, browser.post("/api/v1/cases", intake("child-focus", null, Map.of()), "X-CSRF-Token",
                "wrong").status());
        assertEquals(before, browser.get("/api/v1/cases?limit=1").body().get("total").asLong(), "nothing written");
        assertEquals(201, browser.post("/api/v1/cases", intake("child-focus", null, Map.of()), "X-CSRF-Token",
                login.body().get("csrfToken").asText()).status());

        ApiClient.Response logout = browser.delete("/api/v1/session");
        assertEquals(403, logout.status(), "logging out changes state too: it needs the token");
        ApiClient.Response out = browser.delete("/api/v1/session", "X-CSRF-Token",
                login.body().get("csrfToken").asText());
        assertEquals(204, out.status());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, browser.get("/api/v1/session").status(), "the session is gone on the server");
        System.out.println("session: cookie " + cookie.replaceAll("=[^;]+", "=…") + "; CSRF-less POST 403, nothing"
                + " written; logout 204");
    }

    private static void bearerTokensWorkUntilRevoked(HomewardInstance homeward) throws Exception {
        homeward.client("user:add", "cf.integration", "child-focus", "HOTLINE_OPERATOR");
        String secret = ApiClient.issueToken(homeward, "cf.integration");
        ApiClient integration = ApiClient.withToken(homeward, secret);
        assertEquals(200, integration.get("/api/v1/cases").status());
        assertEquals(201, integration.post("/api/v1/cases", intake("child-focus", null, Map.of())).status(),
                "bearer requests need no CSRF token");
        String tokens = homeward.client("user:tokens").output();
        String id = tokens.lines().filter(l -> l.contains("cf.integration")).findFirst().orElseThrow().split("\\s+")[0];
        assertFalse(tokens.contains(secret), "tokens are listed without their secret");
        assertEquals(0, homeward.client("user:token-revoke", id).status());
        assertEquals(401, integration.get("/api/v1/cases").status(), "revoked");
        assertEquals(401, ApiClient.withToken(homeward, secret + "x").get("/api/v1/cases").status());
    }

    private static void repeatedFailuresAreThrottled(HomewardInstance homeward) throws Exception {
        homeward.client("user:add", "cf.target", "child-focus", "CASE_WORKER");
        ApiClient attacker = new ApiClient(homeward);
        for (int i = 1; i <= 5; i++) {
            ApiClient.Response wrong = attacker.login("cf.target", "guess " + i);
            assertEquals(401, wrong.status());
            assertEquals("unknown username or wrong password", wrong.body().get("detail").asText());
        }
        assertEquals("unknown username or wrong password", attacker.login("no.such.user", "guess").body()
                .get("detail").asText(), "the same answer for an unknown user");
        ApiClient.Response throttled = attacker.login("cf.target", "guess 6");
        assertEquals(429, throttled.status(), String.valueOf(throttled.body()));
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
        System.out.println("throttling: 5 failures, then 429 with Retry-After " + retryAfter + " s");
    }

    /**
     * Every role, at a national center that is a hub member (The Smile of the Child, GR) and at the hub (SEEC),
     * against its own center's case, another center's (Child Focus, BE) and the hub-member case (for GR staff the
     * hub's own Albanian case, for hub staff the Greek case). Expected: without case permissions 403 everywhere; a
     * case the user's center cannot see is 404 and absent from lists; a visible case the center does not own can be
     * read but not changed (403); an allowed change reaches the workflow, which refuses the bogus action (422).
     */
    private static void isolationMatrix(HomewardInstance homeward) throws Exception {
        Map<String, String> caseOf = new LinkedHashMap<>();
        caseOf.put("child-focus", open(homeward, "child-focus", null, Map.of()));
        caseOf.put("smile-of-the-child", open(homeward, "smile-of-the-child", null, Map.of("police-station", "Pireas")));
        caseOf.put("seec", open(homeward, "seec", "AL", Map.of("reporting-authority", "State Police, Tirana")));
        ApiClient owner = ApiClient.forCenter(homeward, "child-focus");

        List<String> table = new ArrayList<>();
        table.add(String.format("%-17s %-19s %-11s %-6s %-6s %-6s %-6s %-6s", "ROLE", "CENTER", "CASE", "read",
                "write", "list", "search", "history"));
        int checked = 0;
        for (String center : List.of("smile-of-the-child", "seec")) {
            String hubMember = center.equals("seec") ? "smile-of-the-child" : "seec";
            Map<String, String> relation = Map.of("own", center, "other", "child-focus", "hub member", hubMember);
            for (String role : ROLES) {
                String username = (center + "." + role).toLowerCase().replace('_', '-');
                String centerArg = role.equals("PLATFORM_ADMIN") ? "-" : center;
                assertEquals(0, homeward.client("user:add", username, centerArg, role).status());
                ApiClient user = ApiClient.withToken(homeward, ApiClient.issueToken(homeward, username));
                for (String kind : List.of("own", "other", "hub member")) {
                    String caseCenter = relation.get(kind);
                    String id = caseOf.get(caseCenter);
                    String number = caseNumber(homeward, caseCenter, id);
                    Map<String, Integer> expected = expected(role, center, kind);
                    Map<String, Integer> actual = new LinkedHashMap<>();
                    actual.put("read", user.get("/api/v1/cases/" + id).status());
                    actual.put("write", user.post("/api/v1/cases/" + id + "/transitions",
                            Map.of("action", "no-such-action"), "If-Match", "\"0\"").status());
                    actual.put("list", listed(user.get("/api/v1/cases?limit=500"), id));
                    actual.put("search", listed(user.get("/api/v1/cases?q=" + number), id));
                    actual.put("history", user.get("/api/v1/cases/" + id + "/history").status());
                    table.add(String.format("%-17s %-19s %-11s %-6s %-6s %-6s %-6s %-6s", role,
                            role.equals("PLATFORM_ADMIN") ? "(none)" : center, kind, actual.get("read"),
                            actual.get("write"), actual.get("list"), actual.get("search"), actual.get("history")));
                    assertEquals(expected, actual, role + " of " + center + " on the " + kind + " case");
                    checked += OPERATIONS.size();
                }
            }
        }
        table.add("list/search: 200 = the case is listed, 200- = answered without it");
        System.out.println("isolation matrix (" + checked + " checks):\n" + String.join("\n", table));
        assertNotEquals(0, owner.get("/api/v1/cases").body().get("total").asLong());

        // the audit trail of a case: its supervisor may read it, its worker may not
        ApiClient supervisor = ApiClient.withToken(homeward, ApiClient.issueToken(homeward,
                "smile-of-the-child.supervisor"));
        ApiClient.Response audit = supervisor.get("/api/v1/cases/" + caseOf.get("smile-of-the-child") + "/audit");
        assertEquals(200, audit.status());
        assertTrue(audit.body().get("items").toString().contains("smile-of-the-child.case-worker"),
                "the worker's read is on the trail: " + audit.body());
        ApiClient worker = ApiClient.withToken(homeward, ApiClient.issueToken(homeward,
                "smile-of-the-child.case-worker"));
        assertEquals(403, worker.get("/api/v1/cases/" + caseOf.get("smile-of-the-child") + "/audit").status());
    }

    /** The expected answers, written out from the permission table of docs/security.md. */
    private static Map<String, Integer> expected(String role, String center, String kind) {
        boolean reads = List.of("HOTLINE_OPERATOR", "CASE_WORKER", "SUPERVISOR", "HUB_ANALYST").contains(role);
        boolean writes = List.of("CASE_WORKER", "SUPERVISOR").contains(role);
        boolean visible = kind.equals("own") || (kind.equals("hub member") && center.equals("seec"));
        Map<String, Integer> expected = new LinkedHashMap<>();
        int single = !reads ? 403 : visible ? 200 : 404;
        expected.put("read", single);
        expected.put("write", !writes ? 403 : !visible ? 404 : kind.equals("own") ? 422 : 403);
        expected.put("list", !reads ? 403 : visible ? 200 : -200);
        expected.put("search", !reads ? 403 : visible ? 200 : -200);
        expected.put("history", single);
        return expected;
    }

    /** @return 200 when the answer lists the case, -200 when it answered without it, else the status */
    private static int listed(ApiClient.Response response, String id) {
        if (response.status() != 200) {
            return response.status();
        }
        return response.body().get("items").toString().contains(id) ? 200 : -200;
    }

    private static String caseNumber(HomewardInstance homeward, String center, String id) throws Exception {
        return ApiClient.forCenter(homeward, center).get("/api/v1/cases/" + id).body().get("number").asText();
    }

    private static String open(HomewardInstance homeward, String center, String country, Map<String, String> fields)
            throws Exception {
        ApiClient.Response created = ApiClient.forCenter(homeward, center).post("/api/v1/cases",
                intake(center, country, fields));
        assertEquals(201, created.status(), center + ": " + created.body());
        return created.body().get("id").asText();
    }

    private static Map<String, Object> intake(String center, String country, Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("centerId", center);
        body.put("category", "runaway");
        if (country != null) {
            body.put("country", country);
        }
        body.put("riskLevel", "HIGH");
        body.put("riskReason", "left home after a row, phone off");
        body.put("fields", fields);
        body.put("persons", List.of(Map.of("role", "CHILD", "familyName", "Test", "givenName", "Child", "sex",
                "FEMALE", "dateOfBirth", LocalDate.now().minusYears(15).toString())));
        return body;
    }

    /**
     * Edits the detail of a row in the middle of the audit trail, directly in the stopped platform's H2 file, with
     * the H2 driver embedded in the store bundle of the distribution.
     *
     * @return the sequence number of the edited row
     */
    private static long editAnAuditRow(Path database) throws Exception {
        Driver driver = h2Driver();
        Properties login = new Properties();
        try (Connection connection = driver.connect("jdbc:h2:file:" + database, login);
                Statement statement = connection.createStatement()) {
            long rows;
            try (var rs = statement.executeQuery("select max(seq) from hw_audit")) {
                rs.next();
                rows = rs.getLong(1);
            }
            long row = rows / 2;
            assertEquals(1, statement.executeUpdate("update hw_audit set detail = detail || ' (edited)' where seq = "
                    + row));
            return row;
        }
    }

    private static Driver h2Driver() throws Exception {
        Path system = Path.of(System.getProperty("homeward.dist", "../platform/target/homeward")).resolve("system");
        Path store;
        try (Stream<Path> files = Files.walk(system.resolve("io/homeward/io.homeward.store"))) {
            store = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Path h2 = Files.createTempFile("h2", ".jar");
        try (JarFile jar = new JarFile(store.toFile())) {
            JarEntry entry = jar.stream().filter(e -> e.getName().matches("lib/h2-.*\\.jar")).findFirst().orElseThrow();
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, h2, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {h2.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
    }
}
