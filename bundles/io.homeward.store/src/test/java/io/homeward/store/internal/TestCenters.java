package io.homeward.store.internal;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.center.Hub;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.center.SlaDefinition;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowAction;
import io.homeward.casemodel.center.WorkflowMigration;
import io.homeward.casemodel.center.WorkflowState;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link CenterRegistry} holding centers declared in code, as plugins' declaration files would:
 * <ul>
 * <li>{@value #TEST} (BE, Brussels time, numbers {@code TC-2026-0001}, two versions of its workflow, the second
 * with SLAs and a migration from the first);</li>
 * <li>{@value #OTHER} (GR, Athens time) and {@value #RO} (RO), national centers;</li>
 * <li>{@value #SEEC}, a regional hub in Athens with members GR, RO and AL, its own rules for AL and
 * {@link Hub.Routing#TRANSFER} routing (see {@link #seec(Hub.Routing)} for the other).</li>
 * </ul>
 * Centers can be replaced, as when a plugin is updated, and removed, as when it is uninstalled.
 */
public final class TestCenters implements CenterRegistry {

    public static final String TEST = "test-center";
    public static final String OTHER = "other-center";
    public static final String RO = "ro-center";
    public static final String SEEC = "seec";
    static final ZoneId TEST_ZONE = ZoneId.of("Europe/Brussels");

    /** The SLA of {@link #missingV2()}: the police are informed within 4 hours of a report. */
    public static final String POLICE_INFORMED = "police-informed";
    /** The SLA of {@link #missingV2()}: a case under investigation is reviewed within 30 days. */
    public static final String REVIEW = "review";

    private final Map<String, Center> centers = new ConcurrentSkipListMap<>();

    public TestCenters() {
        add(testCenter(missingV1(), missingV2()));
        add(otherCenter());
        add(roCenter());
        add(seec(Hub.Routing.TRANSFER));
    }

    /** Adds a center, or replaces the center with its id. */
    public void add(Center center) {
        centers.put(center.id(), center);
    }

    public void remove(String centerId) {
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

    /** The workflow older cases of {@value #TEST} run under. */
    public static Workflow missingV1() {
        return new Workflow("missing", 1, "open",
                List.of(state("open", false), state("searching", false), state("done", true)),
                List.of(action("search", Set.of("open"), "searching"), action("finish", Set.of("open", "searching"), "done")),
                List.of(), List.of());
    }

    /** The current workflow of {@value #TEST}; cases of version 1 migrate onto it ({@code open} → {@code reported}). */
    public static Workflow missingV2() {
        return new Workflow("missing", 2, "reported",
                List.of(state("reported", false, "last-seen"),
                        state("investigating", false, "police-ref"),
                        state("closed", true, "outcome"),
                        state("archived", true)),
                List.of(action("investigate", Set.of("reported"), "investigating"),
                        action("add-note", Set.of("investigating"), "investigating"),
                        action("close", Set.of("investigating"), "closed"),
                        action("archive", Set.of("closed"), "archived"),
                        action("reopen", Set.of("closed", "archived"), "investigating")),
                List.of(new SlaDefinition(POLICE_INFORMED, Duration.ofHours(4), "reported", Set.of("investigating"),
                                "supervisor", labels("Police informed")),
                        new SlaDefinition(REVIEW, Duration.ofDays(30), "investigating", Set.of("closed", "archived"),
                                "case-manager", labels("Reviewed"))),
                List.of(new WorkflowMigration(1, Map.of("open", "reported", "searching", "investigating"))));
    }

    /** {@value #TEST} declaring the given versions of its workflow. */
    public static Center testCenter(Workflow... workflows) {
        return new Center(TEST, "Test Center", "BE", TEST_ZONE, List.of("nl", "fr"), List.of(),
                new CaseNumberScheme("TC-{yyyy}-{seq:4}"),
                List.of(new FieldDefinition("last-seen", FieldType.DATE, List.of(), 10, labels("Last seen")),
                        new FieldDefinition("police-ref", FieldType.TEXT, List.of(), 20, labels("Police reference")),
                        new FieldDefinition("outcome", FieldType.CHOICE, List.of("FOUND", "RETURNED"), 20,
                                labels("Outcome")),
                        new FieldDefinition("nationality", FieldType.COUNTRY, List.of(), 2, labels("Nationality")),
                        new FieldDefinition("found-by", FieldType.PERSON, List.of(), 36, labels("Found by"))),
                List.of(new CaseCategory("runaway", CaseType.RUNAWAY, "missing", labels("Runaway")),
                        new CaseCategory("abduction", CaseType.CRIMINAL_ABDUCTION, "missing", labels("Abduction"))),
                List.of(workflows), List.of(), List.of(), null, "io.homeward.test 1.0.0");
    }

    private static Center otherCenter() {
        return new Center(OTHER, "Other Center", "GR", ZoneId.of("Europe/Athens"), List.of("el"), List.of(),
                new CaseNumberScheme("OC/{seq:6}/{yyyy}"),
                List.of(new FieldDefinition("last-seen", FieldType.DATE, List.of(), 10, labels("Last seen"))),
                List.of(new CaseCategory("lost", CaseType.LOST_INJURED_OR_OTHERWISE_MISSING, "simple", labels("Lost")),
                        new CaseCategory("fugi", CaseType.RUNAWAY, "simple", labels("Runaway"))),
                List.of(simpleWorkflow("simple")), List.of(), List.of(), null, "io.homeward.other 1.0.0");
    }

    private static Center roCenter() {
        return new Center(RO, "Romanian Center", "RO", ZoneId.of("Europe/Bucharest"), List.of("ro", "en"), List.of(),
                new CaseNumberScheme("RO-{yyyy}-{seq:5}"),
                List.of(new FieldDefinition("last-seen", FieldType.DATE, List.of(), 10, labels("Last seen"))),
                List.of(new CaseCategory("fuga", CaseType.RUNAWAY, "simple", labels("Runaway"))),
                List.of(simpleWorkflow("simple")), List.of(), List.of(), null, "io.homeward.ro 1.0.0");
    }

    /**
     * The hub: members GR, RO and AL (GR and RO have national centers here, AL has not); its rules for AL number
     * cases {@code SEEC-AL-2026-0001} and require {@code last-seen} at intake.
     */
    public static Center seec(Hub.Routing routing) {
        Hub hub = new Hub(List.of("GR", "RO", "AL"), routing, Map.of("AL", new Hub.CountryRules("AL",
                List.of("sq", "en"), new CaseNumberScheme("SEEC-AL-{yyyy}-{seq:4}"), List.of("last-seen"))));
        return new Center(SEEC, "SEEC", "GR", ZoneId.of("Europe/Athens"), List.of("en", "el"), List.of(),
                new CaseNumberScheme("SEEC-{yyyy}-{seq:5}"),
                List.of(new FieldDefinition("last-seen", FieldType.DATE, List.of(), 10, labels("Last seen")),
                        new FieldDefinition("border", FieldType.TEXT, List.of(), 50, labels("Border crossing"))),
                List.of(new CaseCategory("runaway", CaseType.RUNAWAY, "hub-case", labels("Runaway")),
                        new CaseCategory("migration", CaseType.MISSING_IN_MIGRATION, "hub-case", labels("Migration"))),
                List.of(simpleWorkflow("hub-case")), List.of(), List.of(), hub, "io.homeward.seec 1.0.0");
    }

    private static Workflow simpleWorkflow(String id) {
        return new Workflow(id, 1, "new",
                List.of(state("new", false), state("closed", true)),
                List.of(action("close", Set.of("new"), "closed")), List.of(), List.of());
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
