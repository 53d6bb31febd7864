package io.homeward.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The UI's dictionaries ({@code js/messages/*.js}) are complete: every English text with words in it is translated
 * into every language the UI offers, with the same placeholders, no key is written twice (the later one would win
 * silently), and every key the code names literally ({@code t('search.q')}) exists. English fills a gap at run time,
 * so a missing translation shows up here rather than as English text on a Greek screen.
 */
class MessageCatalogsTest {

    private static final Path SCRIPTS = Path.of("src/main/resources/META-INF/resources/js");
    /** The languages of i18n.js's UI_LANGUAGES besides English. */
    private static final List<String> TRANSLATIONS = List.of("nl", "fr", "de", "el", "ro");
    /** {@code  'search.q': 'Case number or name',} or {@code  skip: 'Skip to content',}: one entry a line. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*(?:'([^']+)'|([A-Za-z_$][\\w$]*))\\s*:\\s*'((?:[^'\\\\]|\\\\.)*)',?\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\('([^']+)'");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    @Test
    void everyTextWithWordsIsTranslatedWithTheSamePlaceholders() throws IOException {
        Map<String, String> english = catalog("en");
        List<String> problems = new ArrayList<>();
        for (String language : TRANSLATIONS) {
            Map<String, String> translated = catalog(language);
            english.forEach((key, text) -> {
                if (!translated.containsKey(key)) {
                    if (text.codePoints().anyMatch(Character::isLetter)) {
                        problems.add(language + ": " + key + " is missing");
                    }
                } else if (!placeholders(text).equals(placeholders(translated.get(key)))) {
                    problems.add(language + ": " + key + " has " + placeholders(translated.get(key)) + ", English "
                            + placeholders(text));
                }
            });
            translated.keySet().stream().filter(key -> !english.containsKey(key))
                    .forEach(key -> problems.add(language + ": " + key + " is not in English, the reference"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        Set<String> english = catalog("en").keySet();
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SCRIPTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js") && !f.getParent().endsWith("messages"))
                    .toList()) {
                // comments may show examples: t('search.found', 3)
                String code = BLOCK_COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("")
                        .lines().filter(line -> !line.strip().startsWith("//")).collect(Collectors.joining("\n"));
                Matcher key = LITERAL_KEY.matcher(code);
                while (key.find()) {
                    if (!english.contains(key.group(1))) {
                        missing.add(SCRIPTS.relativize(file) + ": " + key.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    /** @return the entries of a dictionary in file order; fails on a key written twice or a line that is no entry */
    private static Map<String, String> catalog(String language) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(SCRIPTS.resolve("messages/" + language + ".js"), StandardCharsets.UTF_8);
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//") || trimmed.equals("export default {")
                    || trimmed.equals("};")) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            assertTrue(entry.matches(), language + ".js: not a one-line entry: " + line);
            String key = entry.group(1) != null ? entry.group(1) : entry.group(2);
            assertTrue(entries.put(key, entry.group(3)) == null, language + ".js: " + key + " twice");
        }
        assertTrue(entries.size() > 100, language + ".js: only " + entries.size() + " entries read");
        return entries;
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group()).collect(Collectors.toCollection(TreeSet::new));
    }
}
