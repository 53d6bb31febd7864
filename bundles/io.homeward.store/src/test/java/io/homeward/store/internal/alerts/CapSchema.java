package io.homeward.store.internal.alerts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/**
 * The OASIS CAP 1.2 schema, which the project does not ship: read from {@code HOMEWARD_CAP_SCHEMA}, else from
 * {@code shared/schemas/cap12.xsd} in a folder above the working directory (the repository's checkout sits beside
 * {@code shared/}). A test that needs it is skipped, saying so, where it is absent.
 */
final class CapSchema {

    private CapSchema() {
    }

    /** @return the schema; aborts the calling test with the reason when it cannot be found */
    static Schema load() throws Exception {
        Path file = find();
        assumeTrue(file != null, "the CAP 1.2 schema is not here (set HOMEWARD_CAP_SCHEMA, or put"
                + " shared/schemas/cap12.xsd above the repository): CAP messages are not validated");
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(file.toFile());
    }

    /** Validates one message; throws with the schema's complaint, line and column when it is not valid. */
    static void validate(Schema schema, byte[] cap) throws Exception {
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(cap)));
    }

    private static Path find() {
        String configured = System.getenv("HOMEWARD_CAP_SCHEMA");
        if (configured != null && !configured.isBlank()) {
            return Files.isRegularFile(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/schemas/cap12.xsd");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
