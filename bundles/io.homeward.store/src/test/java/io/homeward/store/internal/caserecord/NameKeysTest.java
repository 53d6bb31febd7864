package io.homeward.store.internal.caserecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.store.internal.caserecord.NameKeys.Match;
import io.homeward.store.internal.caserecord.NameKeys.Reason;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of name pairs (all fictional) that cross-script search must answer: a name as stored, a variant as
 * someone would type it, and why the variant must find it — and names that must not be found.
 */
public class NameKeysTest {

    /** @return the stored name, what is typed and the reason it must find the stored name for */
    public static Stream<Arguments> variants() {
        return Stream.of(
                // Greek ↔ Latin, with and without tonos, final sigma
                found("Παπαδοπούλου", "Papadopoulou", Reason.SAME_SPELLING),
                found("Papadopoulou", "Παπαδοπούλου", Reason.SAME_SPELLING),
                found("Μαρία", "Μαρια", Reason.SAME_SPELLING),
                found("Μαρία", "Maria", Reason.SAME_SPELLING),
                found("ΜΑΡΊΑ ΠΑΠΑΔΟΠΟΎΛΟΥ", "maria papadopoulou", Reason.SAME_SPELLING),
                found("Γεώργιος", "Georgios", Reason.SAME_SPELLING),
                found("Χρήστος", "Christos", Reason.SAME_SPELLING),
                found("Κωνσταντίνος", "Konstantinos", Reason.SAME_SPELLING),
                found("Θεοδώρου", "Theodorou", Reason.SAME_SPELLING),
                found("Ευαγγελία", "Evangelia", Reason.SAME_SPELLING),
                found("Αικατερίνη", "Aikaterini", Reason.SAME_SPELLING),
                found("Νικολάου", "Nikolaou", Reason.SAME_SPELLING),
                found("Δημητρίου", "Dimitriou", Reason.SAME_SPELLING),
                found("Σταύρος", "Σταυρος", Reason.SAME_SPELLING),
                found("Ιωάννα Βασιλείου", "Ioanna Vasileiou", Reason.SAME_SPELLING),
                // Romanian: comma below, cedilla (what many keyboards type), none
                found("Ștefan", "Stefan", Reason.SAME_SPELLING),
                found("Ștefan", "Ştefan", Reason.SAME_SPELLING),
                found("Ştefan", "Ștefan", Reason.SAME_SPELLING),
                found("Țurcanu", "Ţurcanu", Reason.SAME_SPELLING),
                found("Țurcanu", "Turcanu", Reason.SAME_SPELLING),
                found("Ioana-Teodora Mureșan", "Ioana Teodora Muresan", Reason.SAME_SPELLING),
                found("Ioana-Teodora", "Teodora", Reason.SAME_SPELLING),
                found("Maria-Alexandra Popescu", "Alexandra Popescu", Reason.SAME_SPELLING),
                found("Andreea Dumitrescu", "Dumitrescu Andreea", Reason.SAME_SPELLING),
                found("Bogdan Căpraru", "Capraru", Reason.SAME_SPELLING),
                found("Irina Stănescu", "Stanescu Irina", Reason.SAME_SPELLING),
                // Albanian ë, ç; spelling variants
                found("Ëndrit Çela", "Endrit Cela", Reason.SAME_SPELLING),
                found("Krasniqi", "Krasnici", Reason.SIMILAR_SPELLING),
                found("Arbër Hoxha", "Arber Hoxha", Reason.SAME_SPELLING),
                found("Blerta Gashi", "Blerta Gashii", Reason.SIMILAR_SPELLING),
                // Croatian, Serbian, Bosnian in Latin and Cyrillic
                found("Jovanović", "Jovanovic", Reason.SAME_SPELLING),
                found("Јовановић", "Jovanović", Reason.SAME_SPELLING),
                found("Јовановић", "Jovanovic", Reason.SAME_SPELLING),
                found("Đorđe Petrović", "Ђорђе Петровић", Reason.SAME_SPELLING),
                found("Ђорђе", "Dorde", Reason.SAME_SPELLING),
                found("Željko Šarić", "Zeljko Saric", Reason.SAME_SPELLING),
                found("Жељко", "Zeljko", Reason.SAME_SPELLING),
                found("Љубица", "Ljubica", Reason.SAME_SPELLING),
                found("Čačić", "Cacic", Reason.SAME_SPELLING),
                found("Milica Nikolić", "Милица Николић", Reason.SAME_SPELLING),
                // Ukrainian, Russian, Bulgarian, Macedonian
                found("Шевченко", "Shevchenko", Reason.SAME_SPELLING),
                found("Shevchenko", "Шевченко", Reason.SAME_SPELLING),
                found("Олена Коваленко", "Olena Kovalenko", Reason.SAME_SPELLING),
                found("Жанна", "Zhanna", Reason.SAME_SPELLING),
                found("Юлия", "Yuliya", Reason.SAME_SPELLING),
                found("Щербак", "Shcherbak", Reason.SAME_SPELLING),
                found("Цветкова", "Tsvetkova", Reason.SAME_SPELLING),
                found("Цветкова", "Cvetkova", Reason.SAME_SPELLING),
                found("Дмитрий Иванов", "Dmitriy Ivanov", Reason.SAME_SPELLING),
                found("Христо Георгиев", "Hristo Georgiev", Reason.SAME_SPELLING),
                found("Христо", "Khristo", Reason.SAME_SPELLING),
                found("Стојановски", "Stojanovski", Reason.SAME_SPELLING),
                // small misspellings, any script
                found("Papadopoulou", "Papadopulu", Reason.SIMILAR_SPELLING),
                found("Παπαδοπούλου", "Papadopulu", Reason.SIMILAR_SPELLING),
                found("Theodorou", "Teodorou", Reason.SIMILAR_SPELLING),
                found("Konstantinidis", "Konstandinidis", Reason.SIMILAR_SPELLING),
                found("Kovalenko", "Kovalenco", Reason.SIMILAR_SPELLING),
                found("Dumitrescu", "Dumitresku", Reason.SIMILAR_SPELLING),
                found("Petrović", "Petrovich", Reason.SIMILAR_SPELLING),
                found("Philippou", "Filipou", Reason.SOUNDS_ALIKE),
                // a name being typed
                found("Papadopoulou", "Papad", Reason.BEGINS_WITH),
                found("Παπαδοπούλου", "papa", Reason.BEGINS_WITH),
                found("Шевченко", "Shev", Reason.BEGINS_WITH),
                found("Maria Papadopoulou", "Maria Papa", Reason.BEGINS_WITH));
    }

    /** @return the stored name and what is typed that must not find it */
    public static Stream<Arguments> strangers() {
        return Stream.of(
                notFound("Papadopoulou", "Papadakis"),
                notFound("Krasniqi", "Kristo"),
                notFound("Maria", "Marko"),
                notFound("Ștefan", "Stojan"),
                notFound("Jovanović", "Jovanovska Ana"),
                notFound("Шевченко", "Savchenko"),
                notFound("Maria Papadopoulou", "Maria Nikolaou"),
                notFound("Ioana-Teodora", "Ioana Maria"),
                notFound("Theodorou", "Dorothea"),
                notFound("Georgiev", "Gregoriou"),
                notFound("Ioeanu", "Ana"));
    }

    @ParameterizedTest(name = "{0} is found by {1} ({2})")
    @MethodSource("variants")
    void aNameIsFoundByItsVariant(String stored, String typed, Reason expected) {
        Match match = NameKeys.match(NameKeys.words(typed), NameKeys.words(stored));
        assertNotNull(match, typed + " must find " + stored);
        assertEquals(expected, match.reason(), typed + " finds " + stored);
    }

    @ParameterizedTest(name = "{0} is not found by {1}")
    @MethodSource("strangers")
    void anUnrelatedNameIsNotFound(String stored, String typed) {
        assertNull(NameKeys.match(NameKeys.words(typed), NameKeys.words(stored)), typed + " must not find " + stored);
    }

    @Test
    void theCorpusHasAtLeastSixtyPairs() {
        assertTrue(variants().count() + strangers().count() >= 60);
    }

    @Test
    void anExactSpellingScoresAboveAVariant() {
        List<NameKeys.Word> stored = NameKeys.words("Papadopoulou");
        assertTrue(NameKeys.match(NameKeys.words("Papadopoulou"), stored).score()
                > NameKeys.match(NameKeys.words("Papadopulu"), stored).score());
    }

    @Test
    void punctuationAndWildcardsHaveNoWords() {
        assertEquals(List.of(), NameKeys.words("%_*?!", "  - ' ", null, ""));
        assertEquals(List.of("maria"), NameKeys.words("Ma%ri_a").get(0).spellings());
    }

    @Test
    void aVeryLongWordIsCut() {
        String word = NameKeys.words("x".repeat(1000)).get(0).spellings().get(0);
        assertEquals(NameKeys.MAX_WORD, word.length());
    }

    private static Arguments found(String stored, String typed, Reason reason) {
        return Arguments.of(stored, typed, reason);
    }

    private static Arguments notFound(String stored, String typed) {
        return Arguments.of(stored, typed);
    }
}
