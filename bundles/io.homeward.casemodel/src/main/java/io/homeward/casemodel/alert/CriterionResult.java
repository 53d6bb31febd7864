package io.homeward.casemodel.alert;

import io.homeward.casemodel.center.Labels;

/**
 * How one criterion of an alert plan stood against a case.
 *
 * @param criterionId the criterion's id in the plan, never null
 * @param outcome never null
 * @param evidence what the criterion read, as the plan names it: a custom field id, or {@code child-age}; never
 *     null
 * @param value the value read (the field's value, the child's age in years), null when absent
 * @param labels the criterion as the plan states it, never null
 */
public record CriterionResult(String criterionId, Outcome outcome, String evidence, String value, Labels labels) {

    /** Whether a criterion is met. */
    public enum Outcome {
        /** The evidence is there and meets the criterion. */
        MET,
        /** The evidence is there and does not meet it. */
        UNMET,
        /** The evidence is absent: nobody can tell yet. */
        UNKNOWN
    }
}
