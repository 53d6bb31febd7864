package io.homeward.store.internal.imports;

import java.time.Duration;

/**
 * How far an import has got. Lines refused count as read; every line read is imported, skipped or refused once it
 * has been dealt with, so {@code imported + skipped + refused <= read}.
 *
 * @param read lines read so far, blank lines not counted
 * @param imported cases stored (committed)
 * @param skipped lines whose record an earlier run imported
 * @param refused lines refused: nothing of them was stored
 * @param elapsed since the import started, never null
 */
public record ImportProgress(long read, long imported, long skipped, long refused, Duration elapsed) {

    /** @return lines dealt with per second so far; 0 before a millisecond has passed */
    public double rate() {
        long millis = elapsed.toMillis();
        return millis == 0 ? 0 : (imported + skipped + refused) * 1000.0 / millis;
    }

    /** @return cases stored per second so far; 0 before a millisecond has passed */
    public double importRate() {
        long millis = elapsed.toMillis();
        return millis == 0 ? 0 : imported * 1000.0 / millis;
    }

    /** @return one line for an operator: the counts and the rate */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d lines read: %d imported, %d already imported, %d refused;"
                + " %.1f s, %.0f lines/s", read, imported, skipped, refused, elapsed.toMillis() / 1000.0, rate());
    }
}
