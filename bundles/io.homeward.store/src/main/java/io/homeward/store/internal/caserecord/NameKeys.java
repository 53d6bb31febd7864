package io.homeward.store.internal.caserecord;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The keys a person's name is found by, in any script and with small misspellings. A name is split into words
 * (spaces, hyphens, apostrophes: {@code Ioana-Teodora} is two words), and each word gets
 * <ul>
 * <li><b>spellings</b>: the word transliterated to Latin by ICU4J and folded to lower-case ASCII letters and digits.
 * ICU's general transform ({@code Any-Latin}) follows ISO 9 for Cyrillic ({@code Шевченко} → {@code sevcenko}), so
 * Cyrillic words also get the BGN/PCGN romanizations of Russian, Ukrainian, Bulgarian, Serbian and Macedonian
 * ({@code shevchenko}), and Greek words the UNGEGN one ({@code Χρήστος} → {@code christos}, beside ISO's
 * {@code chrestos}), the spellings people write in Latin. Diacritics, tonos, final sigma, and the Romanian cedilla
 * and comma-below letters all fold away ({@code Ştefan}, {@code Ștefan} → {@code stefan});
 * <li><b>sounds</b>: the Double Metaphone codes (primary and alternate) of each spelling, which stay the same under
 * most small spelling variants ({@code papadopulu} and {@code papadopoulou} → {@code PPTP}).
 * </ul>
 * The stored keys live in table {@code hw_name_key} (one row per person, word and key; a sound's row names the
 * spelling it is the sound of). A query word is looked up by its own spellings, the spellings it begins, and the
 * stored spellings that share one of its sounds and are near it by edit distance ({@link #closeSpelling}: a likely
 * misspelling; {@link #alikeSpelling}: worth a look); a shared sound alone is no match, as short codes are shared by
 * many names. Matches are ranked by {@link #match}. Thread-safe.
 */
public final class NameKeys {

    /**
     * The version of these rules; persons whose stored keys were made by an older one get new keys. 2: a sound's
     * row names the spelling it is the sound of.
     */
    public static final int VERSION = 2;

    /** Longer words are cut: no name word is that long, and keys must fit their column. */
    public static final int MAX_WORD = 60;

    /** Spellings and sounds are told apart in the key column by this prefix; spellings have none. */
    public static final String SOUND_PREFIX = "#";

    /** Apostrophes join ({@code O'Brien} is {@code obrien}); dashes, spaces and other punctuation separate. */
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s\\p{Pd}.,;:/\\\\()\\[\\]\"]+");
    private static final Pattern NOT_ASCII_WORD = Pattern.compile("[^a-z0-9]");
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
    private static final Pattern GREEK = Pattern.compile("\\p{IsGreek}");

    private static final String FOLD = "; Any-Latin; Latin-ASCII; Lower";
    /** The romanizations a Cyrillic name is also written in; ICU ships them as transforms. */
    private static final List<String> CYRILLIC_ROMANIZATIONS = List.of("Russian-Latin/BGN", "Ukrainian-Latin/BGN",
            "Bulgarian-Latin/BGN", "Serbian-Latin/BGN", "Macedonian-Latin/BGN");
    private static final List<String> GREEK_ROMANIZATIONS = List.of("Greek-Latin/UNGEGN");

    /** ICU transliterators are not documented as thread-safe: one set per thread. */
    private static final ThreadLocal<Transliterators> TRANSLITERATORS = ThreadLocal.withInitial(Transliterators::new);
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private NameKeys() {
    }

    /**
     * @return the keys of a person's family and given names, as rows for {@code hw_name_key}
     */
    public static List<NameKeyEntity> rows(UUID personId, UUID caseId, String familyName, String givenName) {
        List<NameKeyEntity> rows = new ArrayList<>();
        List<Word> words = words(familyName, givenName);
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            for (String spelling : word.spellings) {
                rows.add(new NameKeyEntity(personId, caseId, i, spelling, null));
            }
            for (Map.Entry<String, String> sound : word.sounds.entrySet()) {
                rows.add(new NameKeyEntity(personId, caseId, i, sound.getKey(), sound.getValue()));
            }
        }
        return rows;
    }

    /** @return the words of a person as stored in its rows, in word order */
    public static List<Word> words(Collection<NameKeyEntity> rows) {
        Map<Integer, List<String>> spellings = new TreeMap<>();
        Map<Integer, Map<String, String>> sounds = new TreeMap<>();
        for (NameKeyEntity row : rows) {
            if (row.key().startsWith(SOUND_PREFIX)) {
                sounds.computeIfAbsent(row.word(), w -> new LinkedHashMap<>()).put(row.key(), row.spelling());
            } else {
                spellings.computeIfAbsent(row.word(), w -> new ArrayList<>()).add(row.key());
            }
        }
        return spellings.entrySet().stream()
                .map(e -> new Word(e.getValue(), sounds.getOrDefault(e.getKey(), Map.of()))).toList();
    }

    /**
     * @param names the name fields of a person, any may be null or blank
     * @return the words of the names, each with its spellings and sounds, in order; empty when there are none
     */
    public static List<Word> words(String... names) {
        List<Word> words = new ArrayList<>();
        for (String name : names) {
            if (name == null) {
                continue;
            }
            for (String raw : WORD_BREAK.split(name.strip())) {
                Word word = word(raw);
                if (word != null) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** @return the word's keys, or null when nothing of it is left once folded (punctuation only) */
    private static Word word(String raw) {
        String text = raw.length() > MAX_WORD ? raw.substring(0, MAX_WORD) : raw;
        Transliterators transliterators = TRANSLITERATORS.get();
        Set<String> spellings = new LinkedHashSet<>();
        add(spellings, transliterators.general.transliterate(text));
        if (CYRILLIC.matcher(text).find()) {
            transliterators.cyrillic.forEach(t -> add(spellings, t.transliterate(text)));
        }
        if (GREEK.matcher(text).find()) {
            transliterators.greek.forEach(t -> add(spellings, t.transliterate(text)));
        }
        if (spellings.isEmpty()) {
            return null;
        }
        Map<String, String> sounds = new LinkedHashMap<>();
        for (String spelling : spellings) {
            String primary = transliterators.metaphone.doubleMetaphone(spelling);
            String alternate = transliterators.metaphone.doubleMetaphone(spelling, true);
            for (String code : new String[] {primary, alternate}) {
                if (code != null && !code.isEmpty()) {
                    sounds.putIfAbsent(SOUND_PREFIX + code, spelling);
                }
            }
        }
        return new Word(List.copyOf(spellings), Collections.unmodifiableMap(sounds));
    }

    private static void add(Set<String> spellings, String folded) {
        String word = NOT_ASCII_WORD.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
        if (!word.isEmpty()) {
            spellings.add(word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word);
        }
    }

    /**
     * How far apart two spellings are, for telling a small misspelling from a different name that sounds alike.
     *
     * @return the edit distance, or -1 when it is more than 3
     */
    public static int distance(String a, String b) {
        return DISTANCE.apply(a, b);
    }

    /**
     * Whether two spellings that sound alike are close enough to be the same name misspelt: one edit in a word of
     * up to 8 letters, two in a longer one (as {@code krasnici}/{@code krasniqi}, {@code papadopulu}/{@code
     * papadopoulou}).
     */
    public static boolean closeSpelling(String a, String b) {
        int d = distance(a, b);
        return d >= 0 && d <= (Math.max(a.length(), b.length()) <= 8 ? 1 : 2);
    }

    /**
     * Whether two spellings that sound alike are near enough to be proposed at all: at most three edits, and at
     * most one in three letters of the longer ({@code filipou}/{@code philippou} are; {@code ana} and {@code
     * ioeanu}, one sound code though three letters in six are new, are not). Without this bound a short sound code
     * would match a good part of a hub's children.
     */
    public static boolean alikeSpelling(String a, String b) {
        int d = distance(a, b);
        return d >= 0 && d <= Math.max(a.length(), b.length()) / 3;
    }

    /**
     * Whether a person's name answers a query: every word of the query must match a word of the name, in any order
     * — by the same spelling in some transliteration, as the beginning of one (a name being typed), or by the same
     * sound with a {@linkplain #closeSpelling close spelling}.
     *
     * @param query the words of what was typed, at least one
     * @param name the words of the person's names
     * @return how well the name matches, or null when it does not
     */
    public static Match match(List<Word> query, List<Word> name) {
        Reason weakest = Reason.SAME_SPELLING;
        int score = 0;
        for (Word asked : query) {
            Reason best = null;
            for (Word known : name) {
                Reason reason = match(asked, known);
                if (reason != null && (best == null || reason.ordinal() < best.ordinal())) {
                    best = reason;
                }
            }
            if (best == null) {
                return null;
            }
            weakest = best.ordinal() > weakest.ordinal() ? best : weakest;
            score += best.weight;
        }
        return new Match(weakest, score);
    }

    private static Reason match(Word asked, Word known) {
        if (asked.spellings.stream().anyMatch(known.spellings::contains)) {
            return Reason.SAME_SPELLING;
        }
        if (asked.spellings.stream().anyMatch(a -> a.length() >= 2
                && known.spellings.stream().anyMatch(k -> k.startsWith(a)))) {
            return Reason.BEGINS_WITH;
        }
        if (asked.sounds.keySet().stream().anyMatch(known.sounds::containsKey)) {
            if (asked.spellings.stream().anyMatch(a -> known.spellings.stream().anyMatch(k -> closeSpelling(a, k)))) {
                return Reason.SIMILAR_SPELLING;
            }
            if (asked.spellings.stream().anyMatch(a -> known.spellings.stream().anyMatch(k -> alikeSpelling(a, k)))) {
                return Reason.SOUNDS_ALIKE;
            }
        }
        return null;
    }

    /** Why a name matched, best first. */
    public enum Reason {
        /** The same letters once both are transliterated to Latin and folded: {@code Μαρία} and {@code Maria}. */
        SAME_SPELLING(3),
        /** What was typed is the beginning of the name: {@code Papad} and {@code Papadopoulou}. */
        BEGINS_WITH(2),
        /** Sounds alike and is spelt nearly alike: {@code Krasnici} and {@code Krasniqi}. */
        SIMILAR_SPELLING(1),
        /** Sounds alike, though spelt differently: {@code Hristo} and {@code Christos} could be one name. */
        SOUNDS_ALIKE(0);

        final int weight;

        Reason(int weight) {
            this.weight = weight;
        }
    }

    /**
     * @param reason the weakest reason among the query's words
     * @param score higher for better matches: the sum over the query's words
     */
    public record Match(Reason reason, int score) {
    }

    /**
     * One word of a name and its keys.
     *
     * @param spellings its folded Latin spellings, at least one, the general transliteration first
     * @param sounds its sound codes, each starting with {@link #SOUND_PREFIX}, and the spelling each is the sound of
     *     (the first, when several spellings sound alike)
     */
    public record Word(List<String> spellings, Map<String, String> sounds) {
    }

    /** The transforms, built once per thread (building one parses its rules). */
    private static final class Transliterators {
        final Transliterator general = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");
        final List<Transliterator> cyrillic = CYRILLIC_ROMANIZATIONS.stream()
                .map(id -> Transliterator.getInstance(id + FOLD)).toList();
        final List<Transliterator> greek = GREEK_ROMANIZATIONS.stream()
                .map(id -> Transliterator.getInstance(id + FOLD)).toList();
        final DoubleMetaphone metaphone = new DoubleMetaphone();
    }
}
