package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.referral.MissingIdentifier;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** What a referral pack lacks is shown in the user's language, by code, in every language the platform speaks. */
class ReferralsLocalizerTest {

    private static final Center ROMANIA = new Center("focus-ro", "FOCUS", "RO", ZoneId.of("Europe/Bucharest"),
            List.of("ro", "en"), List.of(), new CaseNumberScheme("RO-{seq:4}"), List.of(),
            List.of(new CaseCategory("fuga", CaseType.RUNAWAY, "missing", new Labels(Map.of()))), List.of(),
            List.of(), List.of(), null, "test 1");

    private static final List<MissingIdentifier> MISSING = List.of(
            new MissingIdentifier(MissingIdentifier.CODE_SEX, MissingIdentifier.IDENTIFIER_SEX, "the child's sex is missing"),
            new MissingIdentifier(MissingIdentifier.CODE_FAMILY_NAME, MissingIdentifier.IDENTIFIER_FAMILY_NAME,
                    "the child's family name is missing"));

    @Test
    void missingIdentifiersSpeakTheCentersLanguageAndKeepTheirCodes() {
        List<MissingIdentifier> romanian = Localizer.localize(MISSING, ROMANIA, "ro-RO,ro;q=0.9");
        assertEquals("lipsește sexul copilului", romanian.get(0).message());
        assertEquals(MissingIdentifier.CODE_SEX, romanian.get(0).code());
        assertEquals(MissingIdentifier.IDENTIFIER_FAMILY_NAME, romanian.get(1).identifier());
        assertEquals("the child's family name is missing", Localizer.localize(MISSING, ROMANIA, "en").get(1)
                .message(), "the apostrophe survives MessageFormat");
        assertSame(MISSING, Localizer.localize(MISSING, ROMANIA, "nl"), "a language the center does not speak");
        assertSame(MISSING, Localizer.localize(MISSING, null, "ro"), "a case of a center no longer installed");
    }

    @Test
    void everyCodeHasAMessageInEveryLanguage() {
        for (String language : List.of("en", "nl", "fr", "de", "el", "ro")) {
            ResourceBundle messages = ResourceBundle.getBundle("io.homeward.web.internal.messages",
                    Locale.forLanguageTag(language), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String code : List.of(MissingIdentifier.CODE_CHILD, MissingIdentifier.CODE_FAMILY_NAME,
                    MissingIdentifier.CODE_FORENAME, MissingIdentifier.CODE_SEX, MissingIdentifier.CODE_BIRTH_YEAR,
                    MissingIdentifier.CODE_IDENTIFYING_FEATURE)) {
                assertFalse(messages.getString(code).isBlank(), language + " " + code);
            }
        }
    }
}
