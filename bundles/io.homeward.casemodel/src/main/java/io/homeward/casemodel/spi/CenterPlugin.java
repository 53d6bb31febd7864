package io.homeward.casemodel.spi;

/** Constants of the plugin contract. */
public final class CenterPlugin {

    /** Manifest header naming the declaration file inside the bundle, e.g. {@code OSGI-INF/homeward/center.xml}. */
    public static final String DECLARATION_HEADER = "Homeward-Center";

    /** XML namespace of declaration files. */
    public static final String NAMESPACE = "urn:homeward:center:1.0";

    /** Resource path, in this bundle, of the schema declarations are validated against. */
    public static final String SCHEMA_RESOURCE = "/io/homeward/casemodel/center/center-1.0.xsd";

    /** Service property naming the center a hook service belongs to. */
    public static final String CENTER_PROPERTY = "homeward.center";

    private CenterPlugin() {
    }
}
