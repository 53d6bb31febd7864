package io.homeward.render.internal;

import io.homeward.casemodel.referral.MissingIdentifier;
import io.homeward.casemodel.referral.Referral;
import io.homeward.casemodel.referral.ReferralPack;
import io.homeward.casemodel.referral.ReferralRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.osgi.service.component.annotations.Component;

/**
 * A referral pack as a one-page (or longer) A4 PDF in English, INTERPOL's working language: the case number,
 * center, the Yellow Notice identifiers, what was missing when it was sent, the agency's steps and the photograph.
 * Text is set in Liberation Sans, which PDFBox carries inside its jar: it covers Latin, Greek and Cyrillic names,
 * and the font is embedded so that any reader shows them; a character it lacks is printed as {@code ?}.
 * Stateless: every call lays out a document of its own, so one instance serves concurrent calls.
 */
@Component(service = ReferralRenderer.class)
public final class ReferralPdfRenderer implements ReferralRenderer {

    /** Inside the pdfbox jar, on this bundle's Bundle-ClassPath (and on the class path of the tests). */
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 50;
    private static final float SIZE = 10;
    private static final float LEADING = 14;
    private static final float PHOTO_WIDTH = 150;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public byte[] pdf(Referral referral, byte[] photo) {
        try (PDDocument document = new PDDocument();
                InputStream font = ReferralPdfRenderer.class.getResourceAsStream(FONT)) {
            if (font == null) {
                throw new IllegalStateException("PDFBox's font " + FONT + " is not on the class path");
            }
            ReferralPack pack = referral.pack();
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Referral pack " + pack.caseNumber());
            info.setProducer("Homeward");
            new Writer(document, PDType0Font.load(document, font)).write(referral, photo);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the referral pack could not be rendered as PDF", e);
        }
    }

    /** Lays text out top to bottom, opening a new page when one is full. */
    private static final class Writer {
        private final PDDocument document;
        private final PDFont font;
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument document, PDFont font) {
            this.document = document;
            this.font = font;
        }

        void write(Referral referral, byte[] photo) throws IOException {
            ReferralPack pack = referral.pack();
            newPage();
            try {
                line("INTERPOL Yellow Notice - police referral pack", 16);
                y -= 6;
                field("Case number", pack.caseNumber());
                field("Center", pack.centerName() + " (" + pack.centerId() + ")");
                field("Country", pack.country());
                field("Case type", pack.caseType() == null ? null : pack.caseType().name());
                field("Sent to", referral.agency());
                field("Sent", TIME.format(referral.sentAt()) + " by " + referral.sentBy());
                field("Status", referral.status().name());
                if (referral.acknowledgedAt() != null) {
                    field("Acknowledged", TIME.format(referral.acknowledgedAt()) + " by " + referral.acknowledgedBy());
                }
                if (referral.actedOnAt() != null) {
                    field("Acted on", TIME.format(referral.actedOnAt()) + " by " + referral.actedOnBy());
                }
                y -= 8;
                line("Missing child: minimum identifiers", 13);
                field("Family name", pack.familyName());
                field("Forename", pack.givenName());
                field("Sex", pack.sex() == null ? null : pack.sex().name());
                field("Date of birth", pack.dateOfBirth() == null ? null : pack.dateOfBirth().toString());
                field("Physical description", pack.physicalDescription());
                field("Photograph", pack.photograph() == null ? null : pack.photograph().filename() + ", SHA-256 "
                        + pack.photograph().sha256());
                field("DNA profile", pack.dnaProfile());
                field("Fingerprints", pack.fingerprints());
                y -= 8;
                line(pack.isComplete() ? "Every minimum identifier is present." : "Missing when sent:", 13);
                for (MissingIdentifier missing : pack.missing()) {
                    wrapped("- " + missing.message() + " [" + missing.code() + "]");
                }
                if (photo != null) {
                    photo(photo, pack.photograph().filename());
                }
            } finally {
                content.close();
            }
        }

        private void photo(byte[] photo, String name) throws IOException {
            PDImageXObject image;
            try {
                image = PDImageXObject.createFromByteArray(document, photo, name);
            } catch (IOException | IllegalArgumentException e) {
                // an image type PDFBox cannot embed (e.g. WebP): the pack still names the file and its digest
                wrapped("(the photograph could not be embedded: " + e.getClass().getSimpleName() + ")");
                return;
            }
            float height = PHOTO_WIDTH * image.getHeight() / Math.max(1, image.getWidth());
            if (y - height < MARGIN) {
                newPage();
            }
            y -= height + 8;
            content.drawImage(image, MARGIN, y, PHOTO_WIDTH, height);
        }

        private void field(String label, String value) throws IOException {
            wrapped(label + ": " + (value == null ? "(missing)" : value));
        }

        private void wrapped(String text) throws IOException {
            for (String part : text.split("\\R")) {
                for (String line : wrap(printable(part), PDRectangle.A4.getWidth() - 2 * MARGIN)) {
                    line(line, SIZE);
                }
            }
        }

        private void line(String text, float size) throws IOException {
            if (y - LEADING < MARGIN) {
                newPage();
            }
            y -= Math.max(LEADING, size + 4);
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN, y);
            content.showText(printable(text));
            content.endText();
        }

        /** Closes the current page's content stream, if any (PDFBox cannot save an open one), and starts a page. */
        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        /** @return the lines of the text, each at most {@code width} wide, broken between words where possible */
        private List<String> wrap(String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (current.isEmpty() || width(candidate) <= width) {
                    current.setLength(0);
                    current.append(candidate);
                } else {
                    lines.add(current.toString());
                    current.setLength(0);
                    current.append(word);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        private float width(String text) throws IOException {
            return font.getStringWidth(text) / 1000 * SIZE;
        }

        /** @return the text with every character the font cannot show (and every control character) as '?' */
        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(c -> {
                String one = new String(Character.toChars(c));
                out.append(!Character.isISOControl(c) && encodable(one) ? one : "?");
            });
            return out.toString();
        }

        private boolean encodable(String character) {
            try {
                font.encode(character);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
