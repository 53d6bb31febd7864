package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deployments exchange a case: SEEC in Athens (the {@code seec} feature) and Child Focus in Brussels
 * ({@code child-focus}), two platform processes with their own data folders, databases and ports, configured as each
 * other's partners through their etc/ folders with the public keys their {@code exchange:identity} commands print.
 * A case sent while Brussels runs arrives; a case sent while Brussels is stopped waits in the outbox, retried, and
 * arrives exactly once when Brussels is back; the same package delivered again (over HTTP and as files) makes no
 * second case; a package changed by one byte after signing, and a malformed one, are refused with the reason (and
 * the header that makes the refusal final for the sender) and leave nothing at Brussels; Brussels' package replayed
 * at Athens is refused there, as addressed to another deployment. Athens delivers over HTTPS (Brussels' Felix HTTP service with a self-signed certificate
 * that Athens' JVM trusts) on the loopback interface.
 */
class ExchangeIT {

    private static final Pattern PUBLIC_KEY = Pattern.compile("public key: (\\S+)");
    private static final Duration DELIVERY = Duration.ofMinutes(2);
    private static final String STORE_PASSWORD = "itest-only";

    @TempDir
    Path folder;

    @Test
    void aCaseSentToAPartnerArrivesExactlyOnceEvenWhenThePartnerWasDown() throws Exception {
        try (HomewardInstance athens = HomewardInstance.layOut(folder.resolve("athens"));
                HomewardInstance brussels = HomewardInstance.layOut(folder.resolve("brussels"))) {
            identity(athens, "seec-athens");
            identity(brussels, "child-focus-be");
            // Brussels serves HTTPS as well, with a certificate Athens trusts; Athens delivers over HTTPS only
            int httpsPort = freePort();
            Path truststore = serveHttps(brussels, httpsPort);
            athens.javaOptions("-Djavax.net.ssl.trustStore=" + truststore + " -Djavax.net.ssl.trustStorePassword="
                    + STORE_PASSWORD);
            athens.start("--features", "seec");
            brussels.start("--features", "child-focus");
            partner(athens, "child-focus-be", brussels, "https://127.0.0.1:" + httpsPort, "child-focus");
            partner(brussels, "seec-athens", athens, "http://127.0.0.1:" + athens.port, "");

            ApiClient seec = ApiClient.forCenter(athens, "seec");
            ApiClient childFocus = ApiClient.forCenter(brussels, "child-focus");

            // 1. sent while the partner runs: delivered, numbered there, and on both timelines
            String first = openAtSeec(seec, "Petrova");
            JsonNode delivered = awaitOutbox(seec, first, "DELIVERED");
            String brusselsNumber = delivered.get("partnerCaseNumber").asText();
            assertEquals(1, cases(childFocus));
            JsonNode received = childFocus.get("/api/v1/cases?center=child-focus").body().get("items").get(0);
            assertEquals(brusselsNumber, received.get("number").asText());
            assertEquals("BG", received.get("country").asText());
            String senderNumber = seec.get("/api/v1/cases/" + first).body().get("number").asText();
            assertTrue(timeline(childFocus, received.get("id").asText()).contains(senderNumber),
                    "Brussels' timeline names SEEC's case number");
            assertTrue(timeline(seec, first).contains(brusselsNumber), "SEEC's timeline names Brussels' number");

            // 2. sent while the partner is down: kept and retried, then delivered exactly once
            brussels.stop();
            String second = openAtSeec(seec, "Ivanova");
            HomewardInstance.awaitCondition("two failed attempts while Brussels is down", DELIVERY, () -> {
                JsonNode entry = outboxEntry(seec, second);
                return entry.get("attempts").asInt() >= 2;
            });
            JsonNode waiting = outboxEntry(seec, second);
            assertEquals("PENDING", waiting.get("status").asText());
            assertTrue(waiting.get("lastError").asText().startsWith("no answer"), waiting.toString());
            System.out.println("ExchangeIT: while Brussels was down: " + waiting);
            brussels.start();
            JsonNode deliveredLate = awaitOutbox(seec, second, "DELIVERED");
            System.out.println("ExchangeIT: after Brussels restarted: " + deliveredLate);
            assertEquals(2, cases(childFocus));
            assertEquals(1, childFocus.get("/api/v1/cases?center=child-focus&q="
                    + deliveredLate.get("partnerCaseNumber").asText()).body().get("total").asInt());
            assertEquals(2, childFocus.get("/api/v1/exchange/inbox").body().get("items").size());

            // 3. the same package again, over HTTP and as files: the same case, nothing new
            String packageId = deliveredLate.get("packageId").asText();
            Path exported = folder.resolve("transfer");
            HomewardInstance.Result export = athens.client("exchange:export", packageId, exported.toString());
            assertEquals(0, export.status(), export.output());
            Path json = exported.resolve(packageId + ".json");
            byte[] content = Files.readAllBytes(json);
            String signature = Files.readString(exported.resolve(packageId + ".json.sig")).strip();
            ApiClient partner = new ApiClient(brussels);
            ApiClient.Response again = receive(partner, content, signature);
            assertEquals(200, again.status(), String.valueOf(again.body()));
            assertTrue(again.body().get("duplicate").asBoolean());
            assertEquals(deliveredLate.get("partnerCaseNumber").asText(), again.body().get("caseNumber").asText());
            HomewardInstance.Result imported = brussels.client("exchange:import", json.toString());
            assertTrue(imported.output().contains("already received"), imported.output());
            assertEquals(2, cases(childFocus));

            // 4. tampered (one byte changed after signing) and malformed packages: refused, nothing stored
            String text = new String(content, StandardCharsets.UTF_8);
            byte[] tampered = text.replace("Ivanova", "Ivanovb").getBytes(StandardCharsets.UTF_8);
            assertEquals(content.length, tampered.length);
            assertFalse(java.util.Arrays.equals(content, tampered));
            ApiClient.Response refused = receive(partner, tampered, signature);
            assertEquals(403, refused.status(), String.valueOf(refused.body()));
            assertTrue(refused.body().get("detail").asText().contains("signature does not verify"),
                    refused.body().toString());
            assertEquals("BAD_SIGNATURE", refused.header("X-Homeward-Refusal"), "Homeward's refusal, final");
            ApiClient.Response malformed = receive(partner, "{\"format\":\"homeward-exchange/1\"}"
                    .getBytes(StandardCharsets.UTF_8), signature);
            assertEquals(400, malformed.status(), String.valueOf(malformed.body()));
            assertTrue(malformed.body().get("detail").asText().startsWith("malformed package"),
                    malformed.body().toString());
            assertEquals("MALFORMED", malformed.header("X-Homeward-Refusal"));

            // 5. a package signed for Brussels, replayed at another deployment: refused, it names its recipient
            ApiClient.Response replayed = receive(new ApiClient(athens), content, signature);
            assertEquals(403, replayed.status(), String.valueOf(replayed.body()));
            assertTrue(replayed.body().get("detail").asText().contains("addressed to deployment child-focus-be, not"
                    + " to this deployment (seec-athens)"), replayed.body().toString());
            assertEquals("WRONG_RECIPIENT", replayed.header("X-Homeward-Refusal"));
            assertEquals(0, seec.get("/api/v1/exchange/inbox").body().get("items").size());
            // a case id that is no id names no case, as on /api/v1/cases
            assertEquals(404, seec.get("/api/v1/exchange/outbox?caseId=not-a-case").status());
            assertEquals(2, cases(childFocus));
            assertEquals(2, childFocus.get("/api/v1/exchange/inbox").body().get("items").size());
        }
    }

    /** Names the deployment and makes its outbox quick: a run every second, retries after 1 s, then 2 s. */
    private static void identity(HomewardInstance instance, String deploymentId) throws Exception {
        Files.writeString(instance.home.resolve("etc/io.homeward.exchange.cfg"), "deploymentId = " + deploymentId
                + "\nintervalSeconds = 1\nretryBaseSeconds = 1\nretryMaxSeconds = 2\ntimeoutSeconds = 5\n");
    }

    /**
     * Enables the HTTPS connector of the instance's Felix HTTP service on the given port, with a new self-signed
     * certificate for 127.0.0.1.
     *
     * @return a trust store holding that certificate
     */
    private Path serveHttps(HomewardInstance instance, int port) throws Exception {
        Path keystore = folder.resolve("brussels-tls.p12");
        Path certificate = folder.resolve("brussels-tls.crt");
        Path truststore = folder.resolve("athens-trust.p12");
        keytool("-genkeypair", "-alias", "brussels", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "brussels", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "brussels", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);
        Files.writeString(instance.home.resolve("etc/config.properties"), "\norg.apache.felix.https.enable = true"
                + "\norg.osgi.service.http.port.secure = " + port + "\norg.apache.felix.https.keystore = " + keystore
                + "\norg.apache.felix.https.keystore.password = " + STORE_PASSWORD
                + "\norg.apache.felix.https.keystore.key.password = " + STORE_PASSWORD + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        return truststore;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), "keytool " + args[0] + ": " + output);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Configures {@code partner} at {@code instance}, with the key its own exchange:identity prints. */
    private static void partner(HomewardInstance instance, String partnerId, HomewardInstance partner, String url,
            String center) throws Exception {
        HomewardInstance.Result identity = partner.client("exchange:identity");
        Matcher key = PUBLIC_KEY.matcher(identity.output());
        assertTrue(identity.status() == 0 && key.find(), identity.output());
        Files.writeString(instance.home.resolve("etc/io.homeward.exchange.partner-" + partnerId + ".cfg"),
                "id = " + partnerId + "\npublicKey = " + key.group(1) + "\nurl = " + url + "\ncenter = " + center
                        + "\n");
    }

    /** Opens a runaway case at the SEEC hub, of a Bulgarian child, and sends it to Child Focus. */
    private static String openAtSeec(ApiClient seec, String familyName) throws Exception {
        ApiClient.Response opened = seec.post("/api/v1/cases", Map.of("centerId", "seec", "category", "runaway",
                "country", "BG", "riskLevel", "HIGH", "riskReason", "believed to travel to Brussels",
                "fields", Map.of("last-seen-place", "Sofia bus station"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", familyName, "givenName", "Elena",
                        "sex", "FEMALE", "dateOfBirth", "2010-07-01"))));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        String id = opened.body().get("id").asText();
        Map<String, Object> send = Map.of("caseId", id, "partner", "child-focus-be", "message",
                "please alert the Brussels police");
        // the partner configuration is read from etc/ within a few seconds of being written
        HomewardInstance.awaitCondition("partner child-focus-be to be configured", DELIVERY, () -> {
            try {
                ApiClient.Response sent = seec.post("/api/v1/exchange/outbox", send);
                assertTrue(sent.status() == 202 || sent.status() == 422, String.valueOf(sent.body()));
                return sent.status() == 202;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return id;
    }

    private static JsonNode awaitOutbox(ApiClient seec, String caseId, String status) {
        HomewardInstance.awaitCondition("the package of case " + caseId + " to be " + status, DELIVERY, () -> {
            JsonNode entry = outboxEntry(seec, caseId);
            assertFalse(entry.get("status").asText().equals("REFUSED"), entry.toString());
            return entry.get("status").asText().equals(status);
        });
        return outboxEntry(seec, caseId);
    }

    private static JsonNode outboxEntry(ApiClient seec, String caseId) {
        try {
            JsonNode items = seec.get("/api/v1/exchange/outbox?caseId=" + caseId).body().get("items");
            assertEquals(1, items.size(), items.toString());
            return items.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int cases(ApiClient api) throws Exception {
        return api.get("/api/v1/cases?center=child-focus").body().get("total").asInt();
    }

    private static String timeline(ApiClient api, String caseId) throws Exception {
        return api.get("/api/v1/cases/" + caseId + "/history").body().toString();
    }

    private static ApiClient.Response receive(ApiClient partner, byte[] content, String signature) throws Exception {
        return partner.send("POST", "/api/v1/exchange/packages", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(content), "X-Homeward-Signature", signature);
    }
}
