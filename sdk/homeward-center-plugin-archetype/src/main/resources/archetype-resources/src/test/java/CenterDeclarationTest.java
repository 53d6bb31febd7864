package ${package};

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.homeward.casemodel.spi.CenterPlugin;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/**
 * Checks the declaration against the schema published in the Homeward API jar, so a mistake shows at build
 * time with its line and column. The platform checks more when the plugin is deployed (cross-references such
 * as an action's states, ids used twice) and refuses the bundle with file:line errors.
 */
class CenterDeclarationTest {

    @Test
    void declarationIsValidAgainstThePublishedSchema() throws Exception {
        URL schemaFile = CenterPlugin.class.getResource(CenterPlugin.SCHEMA_RESOURCE);
        assertNotNull(schemaFile, "no " + CenterPlugin.SCHEMA_RESOURCE + " in the Homeward API jar");
        URL declaration = getClass().getResource("/OSGI-INF/homeward/center.xml");
        assertNotNull(declaration, "no OSGI-INF/homeward/center.xml in src/main/resources");

        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schemaFile);
        // throws SAXParseException with line and column on the first problem
        schema.newValidator().validate(new StreamSource(declaration.toString()));
    }
}
