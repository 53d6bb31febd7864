package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Child abduction alerts end to end on the real distribution, over HTTP, with Child Focus's plan (nl, fr, de): a case
 * worker requests an alert and sees the criteria evaluated, a supervisor refuses it, a supervisor requests again and
 * cannot approve their own request, another supervisor approves; the alert is issued, updated and cancelled as CAP
 * 1.2 messages, each valid against the CAP schema, published on the Atom feed and pushed through two configured
 * web-hook channels served by this test: channel "a" up, channel "b" down until the test brings it up. Meanwhile "b"
 * is retried with backoff and shown failing (the platform stays UP), "a" delivers, and "b" delivers once it is back.
 */
public class AlertsIT {

    private static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    void anAlertIsDecidedByFourEyesPublishedAsCapAndDeliveredThroughEveryChannelEvenWhenOneIsDown() throws Exception {
        Schema capSchema = capSchema();
        List<byte[]> receivedByA = Collections.synchronizedList(new ArrayList<>());
        List<byte[]> receivedByB = Collections.synchronizedList(new ArrayList<>());
        HttpServer channelA = receiver(0, receivedByA);
        int portB = freePort();
        HttpServer channelB = null;
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        Path etc = homeward.home.resolve("etc");
        Files.writeString(etc.resolve("io.homeward.alert.webhook-a.cfg"), "homeward.alert.channel = a\nurl = "
                + "http://127.0.0.1:" + channelA.getAddress().getPort() + "/cap\n");
        Files.writeString(etc.resolve("io.homeward.alert.webhook-b.cfg"), "homeward.alert.channel = b\nurl = "
                + "http://127.0.0.1:" + portB + "/cap\n");
        Files.writeString(etc.resolve("io.homeward.store.alerts.cfg"),
                "intervalSeconds = 1\nretryBaseSeconds = 1\nretryMaxSeconds = 4\n");
        try (homeward) {
            homeward.start("--features", "child-focus");
            ApiClient supervisor = ApiClient.forCenter(homeward, "child-focus");
            ApiClient secondSupervisor = user(homeward, "child-focus.itest2", "SUPERVISOR");
            ApiClient worker = user(homeward, "child-focus.itest-worker", "CASE_WORKER");

            String[] withPhoto = openCaseWithPhoto(worker);
            String caseId = withPhoto[0];
            JsonNode evaluation = ok(worker.get("/api/v1/alerts/evaluation?caseId=" + caseId));
            assertEquals(List.of("MET", "MET", "MET", "UNKNOWN"), outcomes(evaluation.get("results")),
                    "no police reference yet");

            // bad requests are refused with what is wrong, and write nothing
            assertEquals(400, worker.post("/api/v1/alerts", Map.of("caseId", caseId, "reason", "x", "urgent", true))
                    .status(), "an unknown field");
            assertEquals(422, worker.post("/api/v1/alerts", Map.of("caseId", caseId, "reason", " ")).status());
            assertEquals(404, worker.post("/api/v1/alerts", Map.of("caseId", java.util.UUID.randomUUID().toString(),
                    "reason", "x")).status());
            assertEquals(0, ok(worker.get("/api/v1/alerts?caseId=" + caseId)).get("items").size());

            // a request shows the evaluation; a supervisor refuses it
            JsonNode requested = created(worker.post("/api/v1/alerts", Map.of("caseId", caseId,
                    "reason", "taken into a grey van at the school gate")));
            assertEquals("REQUESTED", requested.get("status").asText());
            assertEquals(List.of("MET", "MET", "MET", "UNKNOWN"), outcomes(requested.get("evaluation")));
            assertEquals("police-reference", requested.get("evaluation").get(3).get("evidence").asText());
            String first = requested.get("id").asText();
            assertEquals(422, supervisor.post("/api/v1/alerts/" + first + "/decision", approval()).status(),
                    "an approval needs every criterion met");
            Map<String, Object> badGrading = new java.util.HashMap<>(approval());
            badGrading.put("urgency", "ASAP");
            ApiClient.Response bad = supervisor.post("/api/v1/alerts/" + first + "/decision", badGrading);
            assertEquals(400, bad.status());
            assertTrue(bad.body().get("detail").asText().contains("urgency"), String.valueOf(bad.body()));
            JsonNode refused = ok(supervisor.post("/api/v1/alerts/" + first + "/decision", Map.of("approve", false,
                    "reasons", "the police have not opened a file yet")));
            assertEquals("REFUSED", refused.get("status").asText());
            assertEquals("child-focus.itest", refused.get("decidedBy").asText());

            // with the police reference, requested again by a supervisor, who cannot approve their own request
            JsonNode current = ok(worker.get("/api/v1/cases/" + caseId));
            ok(worker.send("PATCH", "/api/v1/cases/" + caseId, Map.of("fields", Map.of("police-reference",
                    "BR.12.LB.1/26")), "If-Match", "\"" + current.get("version").asText() + "\""));
            String alertId = created(supervisor.post("/api/v1/alerts", Map.of("caseId", caseId,
                    "reason", "police confirm the abduction"))).get("id").asText();
            ApiClient.Response own = supervisor.post("/api/v1/alerts/" + alertId + "/decision", approval());
            assertEquals(403, own.status(), String.valueOf(own.body()));
            assertTrue(own.body().get("detail").asText().contains("four eyes"), String.valueOf(own.body()));
            assertEquals(403, worker.post("/api/v1/alerts/" + alertId + "/decision", approval()).status(),
                    "the plan lets supervisors decide");
            JsonNode approved = ok(secondSupervisor.post("/api/v1/alerts/" + alertId + "/decision", approval()));
            assertEquals("APPROVED", approved.get("status").asText());
            assertEquals(List.of("MET", "MET", "MET", "MET"), outcomes(approved.get("decisionEvidence")));

            JsonNode history = ok(worker.get("/api/v1/cases/" + caseId + "/history")).get("items");
            List<String> kinds = new ArrayList<>();
            history.forEach(e -> kinds.add(e.get("kind").asText()));
            assertEquals(List.of("ALERT_REQUESTED", "ALERT_REFUSED", "ALERT_REQUESTED", "ALERT_APPROVED"),
                    kinds.stream().filter(k -> k.startsWith("ALERT_")).toList());
            String audit = ok(supervisor.get("/api/v1/cases/" + caseId + "/audit")).toString();
            assertTrue(audit.contains("ALERT_DECISION_REFUSED") && audit.contains("ALERT_REFUSED"), audit);

            // issued: on the feed, pushed to "a"; "b" is down, retried with backoff and shown failing
            // the photo is the one chosen: an image of this case, else 422 and nothing issued
            ApiClient.Response notOfCase = secondSupervisor.post("/api/v1/alerts/" + alertId + "/issue",
                    Map.of("photoId", java.util.UUID.randomUUID().toString()));
            assertEquals(422, notOfCase.status(), String.valueOf(notOfCase.body()));
            assertTrue(notOfCase.body().toString().contains("not an attachment of case"), notOfCase.body().toString());
            assertEquals("APPROVED", ok(worker.get("/api/v1/alerts/" + alertId)).get("status").asText());
            JsonNode issued = ok(secondSupervisor.post("/api/v1/alerts/" + alertId + "/issue",
                    Map.of("photoId", withPhoto[1])));
            assertEquals("ACTIVE", issued.get("status").asText());
            assertEquals(withPhoto[1], issued.get("photoId").asText(), "the chosen photo is recorded");
            String alertMessage = issued.get("messages").get(0).get("id").asText();
            Element cap = capMessage(worker, alertMessage, capSchema);
            assertEquals("Alert", text(cap, "msgType"));
            assertEquals(List.of("nl", "fr", "de"), texts(cap, "language"));
            assertEquals("CAE", texts(cap, "value").get(0));
            assertEquals(List.of("image/png", "image/png", "image/png"), texts(cap, "mimeType"));
            Element feed = parse(download(worker, "/api/v1/alerts/feed", "application/atom+xml"));
            NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
            assertEquals(1, entries.getLength());
            assertEquals(alertMessage, text((Element) entries.item(0), "identifier"));

            HomewardInstance.awaitCondition("channel a to take the Alert", WAIT, () -> receivedByA.size() == 1);
            HomewardInstance.awaitCondition("channel b to fail twice", WAIT,
                    () -> delivery(worker, alertId, alertMessage, "b").get("attempts").asInt() >= 2);
            JsonNode failing = delivery(worker, alertId, alertMessage, "b");
            assertEquals("FAILING", failing.get("status").asText());
            assertTrue(failing.get("lastError").asText().contains("ConnectException"), failing.toString());
            assertEquals("DELIVERED", delivery(worker, alertId, alertMessage, "a").get("status").asText());
            JsonNode channels = ok(worker.get("/api/v1/alerts/channels")).get("items");
            assertEquals("b", channels.get(1).get("channel").asText());
            assertTrue(channels.get(1).get("failing").asInt() == 1 && channels.get(0).get("failing").asInt() == 0
                    && channels.get(0).get("delivered").asInt() == 1, channels.toString());
            ApiClient.Response health = worker.get("/api/v1/health");
            assertEquals(200, health.status(), "a failing channel does not take the platform down");
            assertEquals("UP", health.body().get("status").asText());
            assertTrue(health.body().get("checks").get("alert-channels").get("detail").asText()
                    .startsWith("DEGRADED: b failing"), health.body().get("checks").toString());

            // "b" comes back and takes the Alert
            channelB = receiver(portB, receivedByB);
            HomewardInstance.awaitCondition("channel b to take the Alert once back", WAIT, () -> receivedByB.size() == 1);
            assertEquals("DELIVERED", delivery(worker, alertId, alertMessage, "b").get("status").asText());
            assertTrue(delivery(worker, alertId, alertMessage, "b").get("attempts").asInt() >= 3);
            assertTrue(java.util.Arrays.equals(receivedByA.get(0), receivedByB.get(0)), "the same CAP message");

            // update and cancel reference the earlier messages; both channels get them; the feed empties
            JsonNode updated = ok(secondSupervisor.post("/api/v1/alerts/" + alertId + "/updates",
                    Map.of("note", "Seen in Gent-Sint-Pieters station at 14:00, red coat")));
            JsonNode cancelled = ok(secondSupervisor.post("/api/v1/alerts/" + alertId + "/cancellation",
                    Map.of("reason", "The child was found safe")));
            assertEquals("CANCELLED", cancelled.get("status").asText());
            JsonNode messages = cancelled.get("messages");
            Element update = capMessage(worker, messages.get(1).get("id").asText(), capSchema);
            Element cancel = capMessage(worker, messages.get(2).get("id").asText(), capSchema);
            assertEquals("Update", text(update, "msgType"));
            assertEquals("Cancel", text(cancel, "msgType"));
            assertTrue(text(update, "references").contains(alertMessage));
            assertEquals(2, text(cancel, "references").split(" ").length);
            assertEquals(2, updated.get("messages").size());
            HomewardInstance.awaitCondition("both channels to take all three messages", WAIT,
                    () -> receivedByA.size() == 3 && receivedByB.size() == 3);
            assertEquals(0, parse(download(worker, "/api/v1/alerts/feed", "application/atom+xml"))
                    .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
            assertEquals(404, worker.get("/api/v1/alerts/" + java.util.UUID.randomUUID()).status());
            assertEquals(401, new ApiClient(homeward).get("/api/v1/alerts/feed").status());
            System.out.println("AlertsIT: 3 CAP messages x 3 languages" + (capSchema == null ? " (CAP schema absent:"
                    + " not validated)" : " valid against CAP 1.2") + "; channel b delivered after "
                    + delivery(worker, alertId, alertMessage, "b").get("attempts").asInt() + " attempts");
        } finally {
            channelA.stop(0);
            if (channelB != null) {
                channelB.stop(0);
            }
        }
    }

    /** @return the id of a new Child Focus abduction case with a photo, and the photo's attachment id */
    public static String[] openCaseWithPhoto(ApiClient worker) throws Exception {
        JsonNode opened = created(worker.post("/api/v1/cases", Map.of("centerId", "child-focus",
                "category", "third-party-abduction", "riskLevel", "HIGH", "riskReason", "taken by a stranger",
                "fields", Map.of("life-in-danger", "yes", "public-can-help", "yes", "last-seen-place", "Gent"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Janssens", "givenName", "Noor",
                        "sex", "FEMALE", "dateOfBirth", "2016-05-01", "description", "1m30, brown hair")))));
        String caseId = opened.get("id").asText();
        JsonNode photo = created(worker.send("POST", "/api/v1/cases/" + caseId + "/attachments?filename=noor.png",
                "image/png", HttpRequest.BodyPublishers.ofByteArray(png())));
        return new String[] {caseId, photo.get("id").asText()};
    }

    private static Map<String, Object> approval() {
        return Map.of("approve", true, "reasons", "federal prosecutor agreed at 10:05", "urgency", "IMMEDIATE",
                "severity", "SEVERE", "certainty", "LIKELY");
    }

    private static JsonNode delivery(ApiClient api, String alertId, String messageId, String channel) {
        try {
            for (JsonNode d : ok(api.get("/api/v1/alerts/" + alertId + "/deliveries")).get("items")) {
                if (d.get("messageId").asText().equals(messageId) && d.get("channel").asText().equals(channel)) {
                    return d;
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no delivery of " + messageId + " through " + channel);
    }

    /** @return the CAP message, fetched by id and validated against the CAP 1.2 schema when there is one */
    private static Element capMessage(ApiClient api, String messageId, Schema schema) throws Exception {
        byte[] xml = download(api, "/api/v1/alerts/messages/" + messageId, "application/cap+xml");
        if (schema != null) {
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        }
        Element root = parse(xml);
        assertEquals(CAP, root.getNamespaceURI());
        return root;
    }

    private static byte[] download(ApiClient api, String path, String type) throws Exception {
        HttpResponse<byte[]> response = api.download(path);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(type, response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        return response.body();
    }

    /**
     * The CAP 1.2 schema, never copied into the repository: {@code HOMEWARD_CAP_SCHEMA}, else
     * {@code shared/schemas/cap12.xsd} in a folder above the repository.
     *
     * @return the schema; null when absent (said on the console): only the validation steps are skipped
     */
    private static Schema capSchema() throws Exception {
        Path file = null;
        String configured = System.getenv("HOMEWARD_CAP_SCHEMA");
        if (configured != null && !configured.isBlank()) {
            file = Path.of(configured);
        } else {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null && file == null; dir = dir.getParent()) {
                Path candidate = dir.resolve("shared/schemas/cap12.xsd");
                file = Files.isRegularFile(candidate) ? candidate : null;
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            System.out.println("AlertsIT: the CAP 1.2 schema is not here (set HOMEWARD_CAP_SCHEMA, or put"
                    + " shared/schemas/cap12.xsd above the repository): the CAP messages are not validated against it");
            return null;
        }
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(file.toFile());
    }

    /** A web-hook receiver on 127.0.0.1 keeping every body it is posted (port 0: any free port). */
    private static HttpServer receiver(int port, List<byte[]> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/cap", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ApiClient user(HomewardInstance homeward, String username, String role) {
        HomewardInstance.Result added = homeward.client("user:add", username, "child-focus", role);
        assertEquals(0, added.status(), added.output());
        return ApiClient.withToken(homeward, ApiClient.issueToken(homeward, username));
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertEquals(200, response.status(), String.valueOf(response.body()));
        return response.body();
    }

    private static JsonNode created(ApiClient.Response response) {
        assertEquals(201, response.status(), String.valueOf(response.body()));
        return response.body();
    }

    private static List<String> outcomes(JsonNode results) {
        List<String> outcomes = new ArrayList<>();
        results.forEach(r -> outcomes.add(r.get("outcome").asText()));
        return outcomes;
    }

    private static Element parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return document.getDocumentElement();
    }

    private static String text(Element root, String name) {
        return root.getElementsByTagNameNS(CAP, name).item(0).getTextContent();
    }

    private static List<String> texts(Element root, String name) {
        List<String> all = new ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS(CAP, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add(nodes.item(i).getTextContent());
        }
        return all;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
