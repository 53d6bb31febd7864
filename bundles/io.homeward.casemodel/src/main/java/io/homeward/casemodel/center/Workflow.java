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
 * @param slas the SLA timers of this version, never null
 * @param migrations how cases move onto this version from older ones, never null
 */
public record Workflow(String id, int version, String initialState, List<WorkflowState> states,
        List<WorkflowAction> actions, List<SlaDefinition> slas, List<WorkflowMigration> migrations) {
    public Workflow {
        states = List.copyOf(states);
        actions = List.copyOf(actions);
        slas = List.copyOf(slas);
        migrations = List.copyOf(migrations);
    }

    /** @return the migration from the given older version onto this one, or empty */
    public Optional<WorkflowMigration> migrationFrom(int olderVersion) {
        return migrations.stream().filter(m -> m.fromVersion() == olderVersion).findFirst();
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
