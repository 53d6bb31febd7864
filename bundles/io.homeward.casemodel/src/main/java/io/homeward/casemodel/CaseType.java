package io.homeward.casemodel;

/**
 * The shared vocabulary of case types. Missing-children types follow the categories of the 116 000 network
 * (Missing Children Europe); a center plugin maps each of its own categories onto exactly one of them, so
 * that statistics and cross-border work speak one language.
 */
public enum CaseType {
    /** A child who left home or care of their own accord. */
    RUNAWAY,
    /** Taken or kept by a parent within the country. */
    PARENTAL_ABDUCTION_NATIONAL,
    /** Taken or kept by a parent across a border. */
    PARENTAL_ABDUCTION_INTERNATIONAL,
    /** Abduction by a third person (criminal abduction). */
    CRIMINAL_ABDUCTION,
    /** Lost, injured or otherwise missing, including disappearances whose cause is not yet known. */
    LOST_INJURED_OR_OTHERWISE_MISSING,
    /** Missing child in migration, including unaccompanied foreign minors. */
    MISSING_IN_MIGRATION,
    /** A report of online sexual exploitation; see {@link IncidentType} for the CyberTipline vocabulary. */
    ONLINE_EXPLOITATION
}
