package io.homeward.casemodel.center;

import java.util.List;
import java.util.Optional;

/**
 * A versioned state machine. A case stays on the workflow version it was opened under until migrated.
 *
 * @param id unique within the center, never null
 * @param version increases when the plugin changes the workflow
 * @param initialState the state a new case starts in, never null
 * @param states never empty
 * @param actions never null
 */
public record Workflow(String id, int version, String initialState, List<WorkflowState> states,
        List<WorkflowAction> actions) {
    public Workflow {
        states = List.copyOf(states);
        actions = List.copyOf(actions);
    }

    /** @return the state with this id, or empty */
    public Optional<WorkflowState> state(String stateId) {
        return states.stream().filter(s -> s.id().equals(stateId)).findFirst();
    }

    /** @return the actions allowed in the given state, in declaration order */
    public List<WorkflowAction> actionsFrom(String stateId) {
        return actions.stream().filter(a -> a.from().contains(stateId)).toList();
    }

    /** @return the action with this id if it is allowed in the given state, else empty */
    public Optional<WorkflowAction> action(String actionId, String fromState) {
        return actionsFrom(fromState).stream().filter(a -> a.id().equals(actionId)).findFirst();
    }
}
