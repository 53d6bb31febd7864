package io.homeward.benchmarks;

import java.util.List;
import java.util.Random;

/**
 * Fictional children's names, made from syllables, in the scripts a South-East European hub meets: Greek; Cyrillic
 * as written in Serbian, Bulgarian, Ukrainian and Russian; Latin with the diacritics of Romanian, Albanian and
 * Croatian. The syllables give names that look and sound like the language's (endings, letters such as
 * {@code ћ}, {@code ї}, {@code ș}, {@code ë}, {@code č}) without copying anyone's: no list of real names or persons is
 * used. Each language comes with the country its children are placed in. Deterministic for a given {@link Random}.
 */
final class FictionalNames {

    /** A name: family and given name, the language it is written in and the country of the case. */
    record Name(String family, String given, Language language) {
    }

    /**
     * One language's syllables: family names are a first, optionally a middle syllable and an ending (female and
     * male); given names a first syllable and an ending.
     */
    enum Language {
        GREEK("GR", List.of("Πα", "Κω", "Νι", "Δη", "Γε", "Αν", "Θε", "Χα", "Βα", "Μα", "Στε", "Λα", "Σα", "Κα",
                "Τσα", "Ζα", "Ρη", "Φι", "Ξε", "Ψα"),
                List.of("πα", "δο", "στα", "κο", "λα", "μη", "τρι", "γι", "δρε", "ρα", "σι", "λει", "κρη", "φα",
                        "νι", "θα", "μπα", "ντε", "χο", "βου"),
                List.of("πούλου", "άκη", "ίδου", "άτου", "ίου", "ούδη"),
                List.of("πουλος", "άκης", "ίδης", "άτος", "ίου", "ούδης"),
                List.of("Ελ", "Κα", "Δε", "Αγ", "Ευ", "Ζω", "Ιω", "Μυ", "Νε", "Σο", "Χρυ", "Θε"),
                List.of("ένη", "ρίνα", "σποινα", "λία", "θύμη"), List.of("ος", "ης", "ων", "άνης", "ίδων")),
        SERBIAN("RS", List.of("Пе", "Јо", "Ми", "Дра", "Ни", "Сто", "Ву", "Ра", "Бо", "Жи", "Ла", "Сла", "Ђу", "Ћи"),
                List.of("тро", "ва", "ло", "го", "ја", "ко", "ди", "ми", "ша", "ра", "ви", "ље", "њо", "џа"),
                List.of("ић", "овић", "евић"), List.of("ић", "овић", "евић"),
                List.of("Јо", "Ми", "Дра", "Ве", "Бо", "Љу", "Сне", "Не"),
                List.of("вана", "лица", "гана", "шња", "јана"), List.of("ван", "лош", "ган", "шко", "јан")),
        BULGARIAN("BG", List.of("Ге", "Ди", "Пе", "Ива", "То", "Хри", "Сто", "Цве", "Жи", "Ба", "Въ", "Щи"),
                List.of("ор", "ми", "тр", "но", "до", "ст", "ян", "ле", "ко", "лъ", "ще", "ра"),
                List.of("ова", "ева", "ска"), List.of("ов", "ев", "ски"),
                List.of("Ве", "Ра", "Цве", "Бо", "Да", "Мла", "Ъ", "Зла"),
                List.of("села", "дка", "тана", "яна", "ниела"), List.of("селин", "дко", "тан", "ян", "ниел")),
        UKRAINIAN("UA", List.of("Шев", "Ко", "Ткач", "Бон", "Гри", "Мель", "Сав", "Кра", "Лит", "Ґон", "Їж", "Єр"),
                List.of("чен", "валь", "ни", "дар", "цен", "ни", "че", "вин", "ра", "ків", "ус", "мо"),
                List.of("енко", "ук", "чук", "ська", "ишин"), List.of("енко", "ук", "чук", "ський", "ишин"),
                List.of("Оле", "Ї", "Со", "Окс", "Бог", "Тара", "Ярос", "Ві"),
                List.of("на", "ся", "фія", "ана", "дана"), List.of("г", "сь", "фій", "ан", "дан")),
        RUSSIAN("MD", List.of("Ива", "Смир", "Кузне", "Попо", "Васи", "Соко", "Мор", "Ле", "Во", "Фё", "Бы", "Эр"),
                List.of("нов", "цо", "ло", "ле", "ро", "ды", "бе", "жа", "ми", "ль", "ё", "ща"),
                List.of("ова", "ева", "ина", "ская"), List.of("ов", "ев", "ин", "ский"),
                List.of("Ната", "Ека", "Ду", "Алё", "Свет", "Вик", "Арт", "Ды"),
                List.of("лья", "терина", "ня", "на", "лана"), List.of("лий", "терин", "ньяш", "н", "лан")),
        ROMANIAN("RO", List.of("Ște", "Io", "Ră", "Pă", "Con", "Mi", "Du", "Ghe", "Tă", "Vî", "Ță", "Bă"),
                List.of("fă", "nes", "du", "lă", "ră", "tin", "ne", "lu", "ca", "și", "ță", "mâ"),
                List.of("escu", "eanu", "aru", "ache"), List.of("escu", "eanu", "aru", "ache"),
                List.of("Ioa", "An", "Mi", "Ște", "Ră", "Ele", "Cri", "Tu"),
                List.of("na", "dreea", "hăela", "fania", "luca"), List.of("nuț", "drei", "hai", "fan", "zvan")),
        ALBANIAN("AL", List.of("Kra", "Ho", "Dri", "Be", "Ça", "Gje", "Le", "Xha", "Shqi", "Ha", "Ku", "Më"),
                List.of("sni", "xha", "ta", "ri", "ku", "lë", "ni", "qi", "sha", "ço", "dhë", "ll"),
                List.of("qi", "aj", "ku", "i", "llari"), List.of("qi", "aj", "ku", "i", "llari"),
                List.of("Dri", "Ar", "Ble", "Ën", "Fa", "Ilir", "Ro", "Vjo"),
                List.of("ta", "jola", "rina", "ëza", "tjona"), List.of("tan", "ben", "rim", "ëdon", "jon")),
        CROATIAN("HR", List.of("Ho", "Ko", "Ba", "Ju", "Ma", "Ši", "Ža", "Đu", "Vu", "Pa", "Kne", "Bla"),
                List.of("va", "ri", "če", "ba", "lo", "ži", "no", "ko", "vač", "šić", "ga", "đe"),
                List.of("ić", "ović", "ec", "ak"), List.of("ić", "ović", "ec", "ak"),
                List.of("Lu", "Ma", "Iva", "Pe", "Jo", "Ni", "Ka", "Ti"),
                List.of("cija", "teja", "na", "tra", "sipa"), List.of("ka", "tej", "n", "tar", "sip"));

        final String country;
        private final List<String> first;
        private final List<String> middle;
        private final List<String> femaleEnding;
        private final List<String> maleEnding;
        private final List<String> givenFirst;
        private final List<String> givenFemale;
        private final List<String> givenMale;

        Language(String country, List<String> first, List<String> middle, List<String> femaleEnding,
                List<String> maleEnding, List<String> givenFirst, List<String> givenFemale, List<String> givenMale) {
            this.country = country;
            this.first = first;
            this.middle = middle;
            this.femaleEnding = femaleEnding;
            this.maleEnding = maleEnding;
            this.givenFirst = givenFirst;
            this.givenFemale = givenFemale;
            this.givenMale = givenMale;
        }
    }

    private final Random random;

    FictionalNames(Random random) {
        this.random = random;
    }

    /** @return a name in a language chosen at random (all equally likely), female or male */
    Name next(boolean female) {
        Language language = Language.values()[random.nextInt(Language.values().length)];
        StringBuilder family = new StringBuilder(pick(language.first));
        // a middle syllable in most names, two in some: enough names that a family name is rarely shared widely
        int middles = random.nextInt(10) < 7 ? 1 : random.nextInt(2) * 2;
        for (int i = 0; i < middles; i++) {
            family.append(pick(language.middle));
        }
        family.append(pick(female ? language.femaleEnding : language.maleEnding));
        String given = pick(language.givenFirst) + pick(female ? language.givenFemale : language.givenMale);
        return new Name(family.toString(), given, language);
    }

    private String pick(List<String> syllables) {
        return syllables.get(random.nextInt(syllables.size()));
    }
}
