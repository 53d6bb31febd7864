package io.homeward.casemodel;

/** How urgently a case must be worked; always recorded together with the reason it was set. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL
}
