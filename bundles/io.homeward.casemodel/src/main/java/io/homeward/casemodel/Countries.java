package io.homeward.casemodel;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Country codes as Homeward accepts them: ISO 3166-1 alpha-2, plus XK for Kosovo (a SEEC member). */
public final class Countries {

    private static final Set<String> CODES;

    static {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        // Kosovo has no ISO 3166-1 code yet; XK is the user-assigned code the EU and INTERPOL use
        codes.add("XK");
        CODES = Set.copyOf(codes);
    }

    private Countries() {
    }

    /** @return whether the value is an accepted country code (upper case, e.g. {@code BE}) */
    public static boolean isCode(String value) {
        return value != null && CODES.contains(value);
    }
}
