package io.homeward.casemodel.center;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a center numbers its cases: a pattern of literal text and the tokens {@code {yyyy}} (year the case was
 * opened) and {@code {seq:N}} (a per-center, per-year sequence zero-padded to N digits), e.g.
 * {@code CF-{yyyy}-{seq:6}} gives {@code CF-2026-000042}.
 *
 * @param pattern never null, contains exactly one {@code {seq:N}} token
 */
public record CaseNumberScheme(String pattern) {
    private static final Pattern SEQ = Pattern.compile("\\{seq:(\\d)}");

    public CaseNumberScheme {
        Matcher m = SEQ.matcher(pattern);
        if (!m.find() || m.find()) {
            throw new IllegalArgumentException("a case-number pattern needs exactly one {seq:N} token: " + pattern);
        }
    }

    /** @return the case number for the given year and sequence value */
    public String format(int year, long sequence) {
        Matcher m = SEQ.matcher(pattern.replace("{yyyy}", Integer.toString(year)));
        m.find();
        String digits = String.format("%0" + m.group(1) + "d", sequence);
        return m.replaceFirst(Matcher.quoteReplacement(digits));
    }
}
