package io.homeward.casemodel.center;

import java.util.List;

/**
 * A state of a workflow.
 *
 * @param id unique within the workflow, never null
 * @param terminal true when a case in this state is closed
 * @param requiredFields custom fields that must have a value for a case to enter this state
 * @param labels never null
 */
public record WorkflowState(String id, boolean terminal, List<String> requiredFields, Labels labels) {
    public WorkflowState {
        requiredFields = List.copyOf(requiredFields);
    }
}
