package io.homeward.casemodel.center;

import java.util.Map;

/**
 * How cases move onto a workflow version from an older one: each old state maps to a state of the new
 * version; an old state that keeps its id in the new version need not be listed.
 *
 * @param fromVersion the older version, never the one declaring the migration
 * @param states old state id to new state id, never null
 */
public record WorkflowMigration(int fromVersion, Map<String, String> states) {
    public WorkflowMigration {
        states = Map.copyOf(states);
    }

    /** @return the state a case in {@code oldState} moves to */
    public String target(String oldState) {
        return states.getOrDefault(oldState, oldState);
    }
}
