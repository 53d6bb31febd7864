package io.homeward.casemodel.center;

import java.util.Set;

/**
 * An action that moves a case from one of {@link #from()} to {@link #to()}.
 *
 * @param id unique within the workflow, never null
 * @param from states in which the action is allowed, never empty
 * @param to the state the case enters, never null
 * @param labels never null
 */
public record WorkflowAction(String id, Set<String> from, String to, Labels labels) {
    public WorkflowAction {
        from = Set.copyOf(from);
    }
}
