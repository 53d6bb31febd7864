package io.homeward.store.internal.caserecord;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two snapshots of a case, as audit detail: one {@code name: old → new} line per value,
 * in a stable order. Derived from the snapshots, not from the operation, so that every operation on a case,
 * including those added later, is described the same way and none can leave a change out.
 */
public final class CaseChanges {

    private static final String NONE = "(none)";

    private CaseChanges() {
    }

    /**
     * @param before null for a case just opened
     * @return the changed values, one per line; empty when nothing changed
     */
    public static String between(Case before, Case after) {
        Map<String, String> old = before == null ? Map.of() : values(before);
        Map<String, String> now = values(after);
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String from = old.getOrDefault(name, NONE);
            String to = now.getOrDefault(name, NONE);
            if (!from.equals(to)) {
                lines.add(name + ": " + from + " → " + to);
            }
        }
        return String.join("\n", lines);
    }

    private static Map<String, String> values(Case c) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("number", c.number());
        values.put("center", c.centerId());
        values.put("country", c.country());
        values.put("category", c.category());
        values.put("workflow", c.workflowId() + " v" + c.workflowVersion());
        values.put("status", c.status());
        values.put("risk", c.risk().level() + " (" + c.risk().reason() + ")");
        values.put("closedAt", Objects.toString(c.closedAt(), NONE));
        values.put("assignee", Objects.toString(c.assignee(), NONE));
        values.put("sharedWith", String.join(",", new TreeSet<>(c.sharedWith())));
        new TreeMap<>(c.fields()).forEach((id, value) -> values.put("field " + id, value));
        for (Person person : c.persons()) {
            values.put("person " + person.id(), person.details().toString());
        }
        return values;
    }
}
