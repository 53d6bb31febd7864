package io.homeward.casemodel.alert;

import java.util.Locale;

/**
 * A decider's approval or refusal of a requested alert. An approval says how the CAP message grades the alert.
 *
 * @param approve true to approve, false to refuse
 * @param reasons why, required either way
 * @param urgency required to approve, ignored for a refusal
 * @param severity required to approve, ignored for a refusal
 * @param certainty required to approve, ignored for a refusal
 */
public record AlertDecision(boolean approve, String reasons, Urgency urgency, Severity severity,
        Certainty certainty) {

    /** @return a refusal for these reasons */
    public static AlertDecision refuse(String reasons) {
        return new AlertDecision(false, reasons, null, null, null);
    }

    /** CAP {@code urgency}. */
    public enum Urgency {
        IMMEDIATE, EXPECTED, FUTURE, PAST, UNKNOWN;

        /** @return the CAP spelling, e.g. {@code Immediate} */
        public String cap() {
            return capSpelling(name());
        }
    }

    /** CAP {@code severity}. */
    public enum Severity {
        EXTREME, SEVERE, MODERATE, MINOR, UNKNOWN;

        /** @return the CAP spelling, e.g. {@code Extreme} */
        public String cap() {
            return capSpelling(name());
        }
    }

    /** CAP {@code certainty}. */
    public enum Certainty {
        OBSERVED, LIKELY, POSSIBLE, UNLIKELY, UNKNOWN;

        /** @return the CAP spelling, e.g. {@code Observed} */
        public String cap() {
            return capSpelling(name());
        }
    }

    private static String capSpelling(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
