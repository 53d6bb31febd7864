package io.homeward.store.internal.imports;

import java.util.List;

/**
 * What an import did.
 *
 * @param counts the final counts, never null
 * @param refusals the refused lines in file order, each with every reason found; at most
 *     {@link CaseImporter#MAX_LISTED_REFUSALS} of them, never null
 * @param unlisted how many more lines were refused than {@code refusals} lists
 * @param stopped why the import stopped before the end of the file (interrupted, or a batch the database refused),
 *     or null when it read the whole file
 */
public record ImportSummary(ImportProgress counts, List<Refusal> refusals, long unlisted, String stopped) {

    public ImportSummary {
        refusals = List.copyOf(refusals);
    }

    /** @return whether the whole file was read and every line imported or skipped as imported before */
    public boolean complete() {
        return stopped == null && counts.refused() == 0;
    }

    /**
     * A line that was refused.
     *
     * @param line its number in the file, from 1
     * @param reason every problem found, never null
     */
    public record Refusal(int line, String reason) {
    }
}
