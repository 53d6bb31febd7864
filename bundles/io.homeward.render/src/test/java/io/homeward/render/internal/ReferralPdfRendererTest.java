package io.homeward.render.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.referral.MissingIdentifier;
import io.homeward.casemodel.referral.Referral;
import io.homeward.casemodel.referral.ReferralPack;
import io.homeward.casemodel.referral.ReferralRenderer;
import io.homeward.casemodel.referral.ReferralStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The referral pack as PDF, read back with PDFBox's own text extraction: what the document says and how it is laid
 * out, from API values alone. That the store hands the renderer the referral and photograph of the right case, and
 * records the read in the audit trail, is the store's test ({@code ReferralsContract}).
 */
class ReferralPdfRendererTest {

    private static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID CASE = UUID.fromString("5b0c2f44-3a3e-4d7c-9f55-0e8f6a1d2b30");

    private final ReferralRenderer renderer = new ReferralPdfRenderer();

    @Test
    void theDocumentHoldsTheCaseTheAgencyTheIdentifiersAndWhatWasMissingWhenSent() throws IOException {
        ReferralPack pack = pack("RO-2026-0007", "Παπαδοπούλου", "Анна", null, null,
                List.of(new MissingIdentifier(MissingIdentifier.CODE_IDENTIFYING_FEATURE,
                        MissingIdentifier.IDENTIFIER_FEATURE, "a physical description, photograph, DNA profile or"
                                + " fingerprints")));
        try (PDDocument pdf = Loader.loadPDF(renderer.pdf(sent(pack), null))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("RO-2026-0007"), text);
            assertTrue(text.contains("FOCUS Romania (ro)"), text);
            assertTrue(text.contains("Sent to: IGPR Cluj"), text);
            assertTrue(text.contains("Sent: 2026-03-01 10:00 UTC by ro.worker"), text);
            assertTrue(text.contains("Status: SENT"), text);
            assertTrue(text.contains("Παπαδοπούλου") && text.contains("Анна"),
                    "Greek and Cyrillic names are printed as they are: " + text);
            assertTrue(text.contains("Physical description: (missing)"), text);
            assertTrue(text.contains("Missing when sent:"), text);
            assertTrue(text.contains("[" + MissingIdentifier.CODE_IDENTIFYING_FEATURE + "]"), text);
            assertFalse(text.contains("Acknowledged"), "no step recorded yet: " + text);
            assertEquals(1, pdf.getNumberOfPages());
            assertEquals(0, images(pdf));
            assertEquals("Referral pack RO-2026-0007", pdf.getDocumentInformation().getTitle());
            assertEquals("Homeward", pdf.getDocumentInformation().getProducer());
        }
    }

    @Test
    void theAgencysStepsArePrintedWithWhoRecordedThemAndWhen() throws IOException {
        ReferralPack pack = pack("RO-2026-0008", "Popescu", "Ana", "tall", null, List.of());
        Referral actedOn = new Referral(UUID.randomUUID(), CASE, "IGPR Cluj", ReferralStatus.ACTED_ON, "ro.worker",
                SENT, "ro.worker", SENT.plusSeconds(3_600), "ro.supervisor", SENT.plusSeconds(86_400), pack);
        try (PDDocument pdf = Loader.loadPDF(renderer.pdf(actedOn, null))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Status: ACTED_ON"), text);
            assertTrue(text.contains("Acknowledged: 2026-03-01 11:00 UTC by ro.worker"), text);
            assertTrue(text.contains("Acted on: 2026-03-02 10:00 UTC by ro.supervisor"), text);
            assertTrue(text.contains("Every minimum identifier is present."), text);
        }
    }

    @Test
    void thePhotographIsDrawnAndNamedWithItsDigest() throws IOException {
        ReferralPack pack = pack("RO-2026-0009", "Popescu", "Ana", null, photograph("ana.png"), List.of());
        try (PDDocument pdf = Loader.loadPDF(renderer.pdf(sent(pack), png(12, 16)))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Photograph: ana.png, SHA-256 " + pack.photograph().sha256()), text);
            assertEquals(1, images(pdf), "the photograph is in the pack");
        }
    }

    /** Moved here from the store's ReferralsContract: it is about the layout alone. */
    @Test
    void aPortraitPhotographAfterALongDescriptionGoesOnANewPageOfAPdfThatOpens() throws IOException {
        StringBuilder description = new StringBuilder();
        for (int line = 1; line <= 30; line++) {
            description.append("distinguishing mark ").append(line).append(": a small scar above the left eyebrow\n");
        }
        ReferralPack pack = pack("RO-2026-0010", "Popescu", "Ana", description.toString(),
                photograph("portrait.png"), List.of());
        try (PDDocument pdf = Loader.loadPDF(renderer.pdf(sent(pack), png(60, 200)))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("distinguishing mark 30"), text);
            assertEquals(2, pdf.getNumberOfPages(), "the photograph does not fit under the text");
            assertEquals(1, images(pdf));
            assertTrue(pdf.getPage(1).getResources().getXObjectNames().iterator().hasNext(), "on the second page");
        }
    }

    @Test
    void aPhotographPdfBoxCannotEmbedIsNamedButNotDrawn() throws IOException {
        // the first bytes of a WebP file: an image type the staff may upload and PDFBox cannot embed
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        ReferralPack pack = pack("RO-2026-0011", "Popescu", "Ana", null, photograph("ana.webp"), List.of());
        try (PDDocument pdf = Loader.loadPDF(renderer.pdf(sent(pack), webp))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Photograph: ana.webp"), text);
            assertTrue(text.contains("(the photograph could not be embedded"), text);
            assertEquals(0, images(pdf));
        }
    }

    @Test
    void aCharacterTheFontLacksAndControlCharactersArePrintedAsQuestionMarks() throws IOException {
        // Liberation Sans has no Han script; a tab is a control character
        ReferralPack pack = pack("RO-2026-0012", "王\tPopescu", "Ana", null, null, List.of());
        try (PDDocument pdf = Loader.loadPDF(renderer.pdf(sent(pack), null))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Family name: ??Popescu"), text);
        }
    }

    @Test
    void concurrentCallsEachGetADocumentOfTheirOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> documents = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String number = "RO-2026-%04d".formatted(100 + i);
                Callable<String> render = () -> {
                    try (PDDocument pdf = Loader.loadPDF(renderer.pdf(sent(pack(number, "Popescu", "Ana", "tall",
                            photograph("ana.png"), List.of())), png(12, 16)))) {
                        return pdf.getDocumentInformation().getTitle();
                    }
                };
                documents.add(pool.submit(render));
            }
            for (int i = 0; i < documents.size(); i++) {
                assertEquals("Referral pack RO-2026-%04d".formatted(100 + i), documents.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thereIsNoDocumentWithoutAReferral() {
        assertThrows(NullPointerException.class, () -> renderer.pdf(null, null));
    }

    private static Referral sent(ReferralPack pack) {
        return new Referral(UUID.randomUUID(), CASE, "IGPR Cluj", ReferralStatus.SENT, "ro.worker", SENT, null, null,
                null, null, pack);
    }

    private static ReferralPack pack(String caseNumber, String familyName, String givenName, String description,
            Attachment photograph, List<MissingIdentifier> missing) {
        return new ReferralPack(CASE, caseNumber, "ro", "FOCUS Romania", "RO", CaseType.RUNAWAY, SENT, familyName,
                givenName, Sex.FEMALE, LocalDate.of(2012, 3, 4), description, photograph, null, null, missing);
    }

    private static Attachment photograph(String filename) {
        return new Attachment(UUID.randomUUID(), CASE, filename, "image/png", 100,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "ro.worker", SENT);
    }

    private static int images(PDDocument pdf) throws IOException {
        int found = 0;
        for (var page : pdf.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    found++;
                }
            }
        }
        return found;
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
