package io.homeward.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the framework properties: {@code etc/config.properties} (with {@code ${name}} references to
 * system properties and to the Homeward properties resolved), then the properties the launcher
 * owns, which always win.
 */
final class FrameworkConfig {

    /** Absolute data directory; business bundles keep their files below it. */
    static final String DATA = "homeward.data";
    /** Absolute installation directory. */
    static final String HOME = "homeward.home";
    /** {@code "true"} when started with {@code --demo}, else {@code "false"}. */
    static final String DEMO = "homeward.demo";
    /** Comma-separated features requested with {@code --features}; read by io.homeward.provisioning. */
    static final String FEATURES = "homeward.features";
    static final String HTTP_PORT = "org.osgi.service.http.port";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private FrameworkConfig() {
    }

    static Map<String, String> build(RunOptions options) throws IOException {
        Map<String, String> own = new LinkedHashMap<>();
        own.put(HOME, options.home().toString());
        own.put(DATA, options.data().toString());
        own.put(DEMO, Boolean.toString(options.demo()));
        own.put(FEATURES, String.join(",", options.features()));
        own.put(HTTP_PORT, Integer.toString(options.port()));
        own.put("org.osgi.framework.storage", options.data().resolve("cache").toString());

        Map<String, String> config = new LinkedHashMap<>();
        Path file = options.home().resolve("etc/config.properties");
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Function<String, String> lookup = name -> own.containsKey(name) ? own.get(name)
                    : properties.containsKey(name) ? properties.getProperty(name) : System.getProperty(name);
            for (String name : properties.stringPropertyNames()) {
                config.put(name, substitute(properties.getProperty(name), lookup, 0));
            }
        }
        config.putAll(own);
        return config;
    }

    /** Replaces {@code ${name}} references; unknown names stay as written so the mistake is visible. */
    static String substitute(String value, Function<String, String> lookup, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("circular ${...} reference in '" + value + "'");
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = lookup.apply(matcher.group(1));
            replacement = replacement == null ? matcher.group() : substitute(replacement, lookup, depth + 1);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
