package io.homeward.store.internal.alerts;

import io.homeward.casemodel.alert.CriterionResult;
import io.homeward.casemodel.center.AlertCriterion;
import io.homeward.casemodel.center.AlertPlan;
import io.homeward.casemodel.center.Labels;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Map;

/**
 * One criterion's outcome as it stood when an alert was requested or decided, kept with the alert. Labels are not
 * kept: they are the plan's wording and are looked up in the plan when shown.
 */
@Embeddable
public class AlertEvidenceRow {

    /** The width of {@code value_read}; a field may be longer (a center sets its max-length freely). */
    static final int VALUE_LENGTH = 2000;
    private static final String CUT = " […]";

    @Column(name = "criterion_id", nullable = false)
    private String criterionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    private CriterionResult.Outcome outcome;

    @Column(name = "evidence", nullable = false)
    private String evidence;

    @Column(name = "value_read")
    private String value;

    protected AlertEvidenceRow() {
        // for Hibernate
    }

    AlertEvidenceRow(CriterionResult result) {
        this.criterionId = result.criterionId();
        this.outcome = result.outcome();
        this.evidence = result.evidence();
        this.value = fitted(result.value());
    }

    /** @return the value read, cut to the column with a visible marker: the evidence on record, never a failure */
    static String fitted(String value) {
        return value == null || value.length() <= VALUE_LENGTH ? value
                : value.substring(0, VALUE_LENGTH - CUT.length()) + CUT;
    }

    /** @param plan the plan of the alert's center now, null when the center is gone: its wording of the criterion */
    CriterionResult toResult(AlertPlan plan) {
        Labels labels = plan == null ? new Labels(Map.of()) : plan.criteria().stream()
                .filter(c -> c.id().equals(criterionId)).map(AlertCriterion::labels).findFirst()
                .orElse(new Labels(Map.of()));
        return new CriterionResult(criterionId, outcome, evidence, value, labels);
    }
}
