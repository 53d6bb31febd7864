package io.homeward.casemodel.alert;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.center.AlertCriterion;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The criteria of an alert plan evaluated against a case: each met, unmet or unknown.
 *
 * @param results one per criterion, in the plan's order, never null
 */
public record AlertEvaluation(List<CriterionResult> results) {

    /** The evidence name of {@link AlertCriterion.Rule#CHILD_AGE_BELOW}: the age of the case's child. */
    public static final String CHILD_AGE = "child-age";

    public AlertEvaluation {
        results = List.copyOf(results);
    }

    /** @return true when every criterion is met (and there is at least one) */
    public boolean allMet() {
        return !results.isEmpty() && results.stream().allMatch(r -> r.outcome() == CriterionResult.Outcome.MET);
    }

    /**
     * Evaluates criteria against a case. A criterion whose evidence is absent — the field is not set, the case has no
     * child with a date of birth — is {@link CriterionResult.Outcome#UNKNOWN}, never unmet.
     *
     * @param criteria the plan's criteria, never null
     * @param subject the case, never null
     * @param today the day ages are counted on, in the center's time zone; never null
     * @return the evaluation, never null
     */
    public static AlertEvaluation of(List<AlertCriterion> criteria, Case subject, LocalDate today) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(today, "today");
        return new AlertEvaluation(criteria.stream().map(c -> evaluate(c, subject, today)).toList());
    }

    private static CriterionResult evaluate(AlertCriterion criterion, Case subject, LocalDate today) {
        String evidence;
        String value;
        boolean met;
        if (criterion.rule() == AlertCriterion.Rule.CHILD_AGE_BELOW) {
            evidence = CHILD_AGE;
            int age = subject.persons().stream().map(p -> p.details())
                    .filter(d -> d.role() == PersonRole.CHILD && d.dateOfBirth() != null)
                    .mapToInt(d -> d.ageOn(today)).max().orElse(-1);
            value = age < 0 ? null : Integer.toString(age);
            met = age >= 0 && age < Integer.parseInt(criterion.value());
        } else {
            evidence = criterion.field();
            String field = subject.fields().get(criterion.field());
            value = field == null || field.isBlank() ? null : field;
            met = value != null && (criterion.rule() == AlertCriterion.Rule.FIELD_PRESENT
                    || value.equals(criterion.value()));
        }
        CriterionResult.Outcome outcome = value == null ? CriterionResult.Outcome.UNKNOWN
                : met ? CriterionResult.Outcome.MET : CriterionResult.Outcome.UNMET;
        return new CriterionResult(criterion.id(), outcome, evidence, value, criterion.labels());
    }
}
