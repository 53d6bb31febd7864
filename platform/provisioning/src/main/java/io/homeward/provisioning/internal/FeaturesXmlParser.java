package io.homeward.provisioning.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.internal.FeatureDefinition.BundleEntry;
import io.homeward.provisioning.internal.FeatureDefinition.ConfigEntry;
import io.homeward.provisioning.internal.FeatureDefinition.Dependency;

/**
 * Reads the supported subset of the Apache Karaf features XML, namespace
 * {@value #NAMESPACE}:
 *
 * <pre>{@code
 * <features name="repository-name" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
 *   <feature name="child-focus" version="1.0.0" description="...">
 *     <feature>homeward-core</feature>                        <!-- included feature, by name -->
 *     <bundle start-level="80" start="true">mvn:group/artifact/version</bundle>
 *     <config name="a.pid">key = value lines (java.util.Properties syntax)</config>
 *   </feature>
 * </features>
 * }</pre>
 *
 * Anything else (other elements such as {@code repository}, {@code conditional}, {@code capability};
 * other attributes) is refused with the file and line, so a Karaf file that relies on more is never
 * half-applied. A nested {@code <feature version="...">} must name the exact version declared.
 */
final class FeaturesXmlParser {

    static final String NAMESPACE = "http://karaf.apache.org/xmlns/features/v1.6.0";

    private static final Set<String> FEATURE_ATTRIBUTES = Set.of("name", "version", "description");
    private static final Set<String> BUNDLE_ATTRIBUTES = Set.of("start-level", "start");

    private final XMLInputFactory factory;

    FeaturesXmlParser() {
        factory = XMLInputFactory.newFactory();
        // repositories are local files, but never let one pull in anything else
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Parses one repository file. */
    List<FeatureDefinition> parse(Path file) throws ProvisioningException {
        String source = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            try {
                return parse(reader, source);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new ProvisioningException(source + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber())
                    + ": not well-formed XML: " + e.getMessage().replaceFirst("(?s)^ParseError at \\[[^]]*]\\s*Message:\\s*", ""));
        } catch (IOException e) {
            throw new ProvisioningException("cannot read feature repository " + file + ": " + e.getMessage(), e);
        }
    }

    private List<FeatureDefinition> parse(XMLStreamReader reader, String source)
            throws XMLStreamException, ProvisioningException {
        reader.nextTag();
        expect(reader, source, "features");
        List<FeatureDefinition> features = new ArrayList<>();
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            expect(reader, source, "feature");
            features.add(feature(reader, source));
        }
        return features;
    }

    private FeatureDefinition feature(XMLStreamReader reader, String source) throws XMLStreamException, ProvisioningException {
        checkAttributes(reader, source, FEATURE_ATTRIBUTES);
        String name = required(reader, source, "name");
        String version = orDefault(reader.getAttributeValue(null, "version"), "0.0.0");
        String description = orDefault(reader.getAttributeValue(null, "description"), "");
        List<Dependency> dependencies = new ArrayList<>();
        List<BundleEntry> bundles = new ArrayList<>();
        List<ConfigEntry> configs = new ArrayList<>();
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            int line = reader.getLocation().getLineNumber();
            switch (element(reader, source)) {
                case "feature" -> {
                    checkAttributes(reader, source, Set.of("version"));
                    String wantedVersion = reader.getAttributeValue(null, "version");
                    dependencies.add(new Dependency(text(reader, source, "feature"), wantedVersion));
                }
                case "bundle" -> {
                    checkAttributes(reader, source, BUNDLE_ATTRIBUTES);
                    int startLevel = startLevel(reader.getAttributeValue(null, "start-level"), source, line);
                    boolean start = !"false".equals(reader.getAttributeValue(null, "start"));
                    String location = text(reader, source, "bundle");
                    if (!location.startsWith("mvn:")) {
                        throw new ProvisioningException(source + ":" + line + ": bundle location '" + location
                                + "' is not supported: only mvn:group/artifact/version locations (resolved from system/)");
                    }
                    bundles.add(new BundleEntry(location, startLevel, start));
                }
                case "config" -> {
                    checkAttributes(reader, source, Set.of("name"));
                    String pid = required(reader, source, "name");
                    configs.add(new ConfigEntry(pid, properties(reader.getElementText(), source, line)));
                }
                default -> throw unsupported(reader, source);
            }
        }
        return new FeatureDefinition(name, version, description, dependencies, bundles, configs, source);
    }

    private static Map<String, String> properties(String text, String source, int line) throws ProvisioningException {
        Properties properties = new Properties();
        try {
            // indentation inside the element is layout, not part of keys
            properties.load(new StringReader(text.stripIndent()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ProvisioningException(source + ":" + line + ": invalid config: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        return values;
    }

    private static int startLevel(String value, String source, int line) throws ProvisioningException {
        if (value == null) {
            return FeatureDefinition.DEFAULT_START_LEVEL;
        }
        try {
            int level = Integer.parseInt(value.trim());
            if (level > 0) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProvisioningException(source + ":" + line + ": start-level '" + value + "' is not a positive number");
    }

    private static String text(XMLStreamReader reader, String source, String what) throws XMLStreamException, ProvisioningException {
        int line = reader.getLocation().getLineNumber();
        String text = reader.getElementText().trim();
        if (text.isEmpty()) {
            throw new ProvisioningException(source + ":" + line + ": empty <" + what + ">");
        }
        return text;
    }

    private static void expect(XMLStreamReader reader, String source, String name) throws ProvisioningException {
        if (!name.equals(element(reader, source))) {
            throw unsupported(reader, source);
        }
    }

    private static String element(XMLStreamReader reader, String source) throws ProvisioningException {
        if (!NAMESPACE.equals(reader.getNamespaceURI())) {
            throw new ProvisioningException(source + ":" + reader.getLocation().getLineNumber() + ": element <"
                    + reader.getLocalName() + "> is not in namespace " + NAMESPACE);
        }
        return reader.getLocalName();
    }

    private static ProvisioningException unsupported(XMLStreamReader reader, String source) {
        return new ProvisioningException(source + ":" + reader.getLocation().getLineNumber() + ": element <"
                + reader.getLocalName() + "> is not supported here (Homeward reads features, feature, bundle and config)");
    }

    private static void checkAttributes(XMLStreamReader reader, String source, Set<String> allowed) throws ProvisioningException {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attribute = reader.getAttributeLocalName(i);
            if (!allowed.contains(attribute)) {
                throw new ProvisioningException(source + ":" + reader.getLocation().getLineNumber() + ": attribute '"
                        + attribute + "' of <" + reader.getLocalName() + "> is not supported (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String required(XMLStreamReader reader, String source, String attribute) throws ProvisioningException {
        String value = reader.getAttributeValue(null, attribute);
        if (value == null || value.isBlank()) {
            throw new ProvisioningException(source + ":" + reader.getLocation().getLineNumber() + ": <"
                    + reader.getLocalName() + "> needs a '" + attribute + "' attribute");
        }
        return value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
