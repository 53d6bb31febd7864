package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Police referral packs over HTTP against the real distribution (Child Focus, and The Smile of the Child as the
 * center that must see none of it): the INTERPOL Yellow Notice
 * identifiers a case lacks are listed, in the user's language; an image attachment completes the pack; the pack
 * is exported as JSON and as a PDF that opens and holds the case number and the photograph; the referral moves
 * SENT → ACKNOWLEDGED → ACTED_ON one step at a time, on the timeline and in the audit trail.
 */
class ReferralsIT {

    @TempDir
    Path folder;

    @Test
    void aReferralListsWhatIsMissingIsCompletedExportedAsJsonAndPdfAndTracked() throws Exception {
        try (HomewardInstance homeward = HomewardInstance.layOut(folder)) {
            homeward.start("--features", "child-focus,smile-of-the-child");
            ApiClient api = ApiClient.forCenter(homeward, RunawayCases.CENTER);

            // a child known by family name only: four identifiers missing, listed in Dutch for a Dutch speaker
            ApiClient.Response sparse = api.post("/api/v1/cases", Map.of("centerId", RunawayCases.CENTER,
                    "category", "runaway", "riskLevel", "MEDIUM", "riskReason", "reported by a teacher",
                    "fields", Map.of("last-seen-place", "Gent"),
                    "persons", List.of(Map.of("role", "CHILD", "familyName", "Peeters"))));
            assertEquals(201, sparse.status(), String.valueOf(sparse.body()));
            ApiClient.Response sparsePack = api.send("GET", "/api/v1/referral-packs/" + sparse.body().get("id")
                    .asText(), null, HttpRequest.BodyPublishers.noBody(), "Accept-Language", "nl");
            assertEquals(200, sparsePack.status(), String.valueOf(sparsePack.body()));
            assertEquals(List.of("referral.missing.forename", "referral.missing.sex", "referral.missing.birth-year",
                    "referral.missing.identifying-feature"), codes(sparsePack.body()));
            assertEquals("de voornaam van het kind ontbreekt", sparsePack.body().get("missing").get(0).get("message")
                    .asText());
            assertEquals(false, sparsePack.body().get("complete").asBoolean());

            // a child with name, sex and date of birth: only a description, photo, DNA or prints is missing
            ApiClient.Response opened = api.post("/api/v1/cases", RunawayCases.intake("Janssens"));
            assertEquals(201, opened.status(), String.valueOf(opened.body()));
            String caseId = opened.body().get("id").asText();
            String number = opened.body().get("number").asText();
            JsonNode pack = api.get("/api/v1/referral-packs/" + caseId).body();
            assertEquals(List.of("referral.missing.identifying-feature"), codes(pack));
            assertEquals(number, pack.get("caseNumber").asText());

            ApiClient.Response noAgency = api.post("/api/v1/referrals", Map.of("caseId", caseId, "agency", ""));
            assertEquals(422, noAgency.status(), String.valueOf(noAgency.body()));
            ApiClient.Response early = api.post("/api/v1/referrals", Map.of("caseId", caseId,
                    "agency", "Federal Police DSU", "note", "what we have so far"));
            assertEquals(201, early.status(), String.valueOf(early.body()));
            assertEquals("SENT", early.body().get("status").asText());
            assertEquals(List.of("referral.missing.identifying-feature"), codes(early.body().get("pack")),
                    "sent with an identifier missing, and the pack says so");

            ApiClient.Response photo = api.send("POST", "/api/v1/cases/" + caseId + "/attachments?filename=child.png",
                    "image/png", HttpRequest.BodyPublishers.ofByteArray(png()));
            assertEquals(201, photo.status(), String.valueOf(photo.body()));
            JsonNode complete = api.get("/api/v1/referral-packs/" + caseId).body();
            assertEquals(List.of(), codes(complete));
            assertTrue(complete.get("complete").asBoolean());
            assertEquals("child.png", complete.get("photograph").get("filename").asText());

            ApiClient.Response sent = api.post("/api/v1/referrals", Map.of("caseId", caseId,
                    "agency", "Federal Police DSU"));
            assertEquals(201, sent.status(), String.valueOf(sent.body()));
            String referralId = sent.body().get("id").asText();
            assertEquals("/api/v1/referrals/" + referralId, sent.header("Location"));

            // JSON export: the referral with its pack as sent; the earlier one keeps what it lacked
            JsonNode exported = api.get("/api/v1/referrals/" + referralId).body();
            assertEquals(number, exported.get("pack").get("caseNumber").asText());
            assertEquals("Janssens", exported.get("pack").get("familyName").asText());
            JsonNode listed = api.get("/api/v1/referrals?caseId=" + caseId).body().get("items");
            assertEquals(2, listed.size());
            assertEquals(400, api.get("/api/v1/referrals").status(), "the case is named by ?caseId=");
            assertEquals(404, api.get("/api/v1/referrals?caseId=not-a-case").status(), "a malformed id, as in /cases");
            assertEquals(1, listed.get(0).get("pack").get("missing").size());

            // the PDF opens and holds the case number, the identifiers and the photograph
            HttpResponse<byte[]> pdf = api.download("/api/v1/referrals/" + referralId + "/pdf");
            assertEquals(200, pdf.statusCode());
            assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                String text = new PDFTextStripper().getText(document);
                assertTrue(text.contains(number), text);
                assertTrue(text.contains("Janssens") && text.contains("Every minimum identifier is present"), text);
                assertEquals(1, images(document));
            }
            HttpResponse<byte[]> earlyPdf = api.download("/api/v1/referrals/" + early.body().get("id").asText()
                    + "/pdf");
            try (PDDocument document = Loader.loadPDF(earlyPdf.body())) {
                String text = new PDFTextStripper().getText(document);
                assertTrue(text.contains(number) && text.contains("referral.missing.identifying-feature"), text);
            }

            // SENT → ACKNOWLEDGED → ACTED_ON, no skipping, no going back
            String status = "/api/v1/referrals/" + referralId + "/status";
            assertEquals(409, api.post(status, Map.of("status", "ACTED_ON")).status(), "no skipping");
            assertEquals(400, api.post(status, Map.of("status", "DONE")).status(), "no such status");
            ApiClient.Response acknowledged = api.post(status, Map.of("status", "ACKNOWLEDGED", "note", "PV 12/2026"));
            assertEquals(200, acknowledged.status(), String.valueOf(acknowledged.body()));
            assertEquals(RunawayCases.CENTER + ".itest", acknowledged.body().get("acknowledgedBy").asText());
            ApiClient.Response back = api.post(status, Map.of("status", "SENT"));
            assertEquals(409, back.status(), "no going back");
            assertTrue(back.body().get("detail").asText().contains("ACTED_ON"), back.body().toString());
            ApiClient.Response actedOn = api.post(status, Map.of("status", "ACTED_ON"));
            assertEquals(200, actedOn.status(), String.valueOf(actedOn.body()));
            assertEquals("ACTED_ON", api.get("/api/v1/referrals/" + referralId).body().get("status").asText());

            List<String> timeline = new ArrayList<>();
            api.get("/api/v1/cases/" + caseId + "/history").body().get("items")
                    .forEach(e -> timeline.add(e.get("kind").asText()));
            assertEquals(List.of("OPENED", "REFERRAL_SENT", "REFERRAL_SENT", "REFERRAL_ACKNOWLEDGED",
                    "REFERRAL_ACTED_ON"), timeline);
            List<String> audited = new ArrayList<>();
            api.get("/api/v1/cases/" + caseId + "/audit").body().get("items")
                    .forEach(e -> audited.add(e.get("action").asText()));
            assertTrue(audited.containsAll(List.of("REFERRAL_CHECKED", "REFERRAL_SENT", "REFERRAL_READ",
                    "REFERRAL_PDF_READ", "REFERRAL_STATUS")), audited.toString());

            // another center's user sees none of it
            ApiClient stranger = ApiClient.forCenter(homeward, "smile-of-the-child");
            assertEquals(404, stranger.get("/api/v1/referral-packs/" + caseId).status());
            assertEquals(404, stranger.get("/api/v1/referrals/" + referralId).status());
            assertEquals(404, stranger.download("/api/v1/referrals/" + referralId + "/pdf").statusCode());
            assertEquals(404, stranger.post(status, Map.of("status", "ACTED_ON")).status());
        }
    }

    private static List<String> codes(JsonNode pack) {
        List<String> codes = new ArrayList<>();
        pack.get("missing").forEach(m -> codes.add(m.get("code").asText()));
        return codes;
    }

    private static int images(PDDocument document) throws IOException {
        int found = 0;
        for (PDPage page : document.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    found++;
                }
            }
        }
        return found;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(30, 40, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0x3366cc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
