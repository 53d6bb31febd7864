package io.homeward.store.internal;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowAction;
import io.homeward.casemodel.center.WorkflowState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link CenterRegistry} holding two centers declared in code, as a plugin's declaration file would:
 * {@value #TEST} (BE, numbers {@code TC-2026-0001}, two versions of its workflow) and {@value #OTHER} (GR).
 * Centers can be removed, as when a plugin is uninstalled.
 */
final class TestCenters implements CenterRegistry {

    static final String TEST = "test-center";
    static final String OTHER = "other-center";

    private final Map<String, Center> centers = new ConcurrentSkipListMap<>();

    TestCenters() {
        add(testCenter());
        add(otherCenter());
    }

    void add(Center center) {
        centers.put(center.id(), center);
    }

    void remove(String centerId) {
        centers.remove(centerId);
    }

    @Override
    public List<Center> centers() {
        return List.copyOf(centers.values());
    }

    @Override
    public Optional<Center> center(String centerId) {
        return Optional.ofNullable(centers.get(centerId));
    }

    private static Center testCenter() {
        // version 1 is what older cases run under; new cases must start under version 2
        Workflow v1 = new Workflow("missing", 1, "open",
                List.of(state("open", false), state("done", true)),
                List.of(action("finish", Set.of("open"), "done")));
        Workflow v2 = new Workflow("missing", 2, "reported",
                List.of(state("reported", false, "last-seen"),
                        state("investigating", false, "police-ref"),
                        state("closed", true, "outcome"),
                        state("archived", true)),
                List.of(action("investigate", Set.of("reported"), "investigating"),
                        action("add-note", Set.of("investigating"), "investigating"),
                        action("close", Set.of("investigating"), "closed"),
                        action("archive", Set.of("closed"), "archived"),
                        action("reopen", Set.of("closed", "archived"), "investigating")));
        return new Center(TEST, "Test Center", "BE", List.of("nl", "fr"), List.of(),
                new CaseNumberScheme("TC-{yyyy}-{seq:4}"),
                List.of(new FieldDefinition("last-seen", FieldType.DATE, List.of(), 10, labels("Last seen")),
                        new FieldDefinition("police-ref", FieldType.TEXT, List.of(), 20, labels("Police reference")),
                        new FieldDefinition("outcome", FieldType.CHOICE, List.of("FOUND", "RETURNED"), 20,
                                labels("Outcome")),
                        new FieldDefinition("nationality", FieldType.COUNTRY, List.of(), 2, labels("Nationality"))),
                List.of(new CaseCategory("runaway", CaseType.RUNAWAY, "missing", labels("Runaway")),
                        new CaseCategory("abduction", CaseType.CRIMINAL_ABDUCTION, "missing", labels("Abduction"))),
                List.of(v1, v2), "io.homeward.test 1.0.0");
    }

    private static Center otherCenter() {
        Workflow simple = new Workflow("simple", 1, "new",
                List.of(state("new", false), state("closed", true)),
                List.of(action("close", Set.of("new"), "closed")));
        return new Center(OTHER, "Other Center", "GR", List.of("el"), List.of(),
                new CaseNumberScheme("OC/{seq:6}/{yyyy}"), List.of(),
                List.of(new CaseCategory("lost", CaseType.LOST_INJURED_OR_OTHERWISE_MISSING, "simple", labels("Lost"))),
                List.of(simple), "io.homeward.other 1.0.0");
    }

    private static WorkflowState state(String id, boolean terminal, String... required) {
        return new WorkflowState(id, terminal, List.of(required), labels(id));
    }

    private static WorkflowAction action(String id, Set<String> from, String to) {
        return new WorkflowAction(id, from, to, labels(id));
    }

    private static Labels labels(String english) {
        return new Labels(Map.of("en", english));
    }
}
