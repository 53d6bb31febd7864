package io.homeward.casemodel;

/** Sex as recorded for identification (the INTERPOL notice vocabulary). */
public enum Sex {
    FEMALE, MALE, UNKNOWN
}
