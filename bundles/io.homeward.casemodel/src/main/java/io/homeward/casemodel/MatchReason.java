package io.homeward.casemodel;

/**
 * Why a case answered a search by case number or name, best first. Names are compared across scripts (Latin with
 * or without diacritics, Greek, Cyrillic) once transliterated to Latin and folded.
 */
public enum MatchReason {
    /** The case number is what was typed, or begins with it. */
    CASE_NUMBER,
    /** A person's name is spelt the same once both are transliterated and folded: {@code Μαρία}, {@code Maria}. */
    SAME_SPELLING,
    /** A person's name begins with what was typed: {@code Papad} and {@code Papadopoulou}. */
    BEGINS_WITH,
    /** A person's name sounds alike and is spelt nearly alike (a small misspelling): {@code Krasnici}, {@code Krasniqi}. */
    SIMILAR_SPELLING,
    /** A person's name sounds alike but is spelt differently: worth a look, the weakest name reason. */
    SOUNDS_ALIKE,
    /** The child has the same date of birth (for possible duplicates, beside a name reason). */
    SAME_DATE_OF_BIRTH
}
