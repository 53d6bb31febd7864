package io.homeward.casemodel.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CenterModelTest {

    private static final Labels NONE = new Labels(Map.of());

    @Test
    void caseNumbersArePaddedAndCarryTheYear() {
        CaseNumberScheme scheme = new CaseNumberScheme("CF-{yyyy}-{seq:5}");
        assertEquals("CF-2026-00042", scheme.format(2026, 42));
        assertEquals("CF-2027-123456", scheme.format(2027, 123456));
    }

    @Test
    void caseNumberPatternNeedsExactlyOneSequence() {
        assertThrows(IllegalArgumentException.class, () -> new CaseNumberScheme("CF-{yyyy}"));
        assertThrows(IllegalArgumentException.class, () -> new CaseNumberScheme("{seq:2}-{seq:3}"));
    }

    @Test
    void fieldValuesAreCheckedByType() {
        assertEquals(Optional.empty(), field(FieldType.DATE).problemWith("2026-02-28"));
        assertTrue(field(FieldType.DATE).problemWith("28/02/2026").orElseThrow().contains("yyyy-MM-dd"));
        assertTrue(field(FieldType.COUNTRY).problemWith("XX").isPresent());
        assertEquals(Optional.empty(), field(FieldType.COUNTRY).problemWith("BE"));
        assertTrue(field(FieldType.NUMBER).problemWith("12a").isPresent());
        FieldDefinition choice = new FieldDefinition("where", FieldType.CHOICE, List.of("home", "school"), 20, NONE);
        assertEquals(Optional.empty(), choice.problemWith("home"));
        assertEquals("'park' is not one of home, school", choice.problemWith("park").orElseThrow());
        assertTrue(field(FieldType.TEXT).problemWith("x".repeat(11)).orElseThrow().contains("longer than 10"));
    }

    @Test
    void actionsAreOnlyAllowedFromTheirStates() {
        Workflow workflow = new Workflow("missing", 1, "open",
                List.of(new WorkflowState("open", false, List.of(), NONE), new WorkflowState("closed", true, List.of(), NONE)),
                List.of(new WorkflowAction("close", Set.of("open"), "closed", NONE)), List.of(),
                List.of(new WorkflowMigration(1, Map.of("pending", "open"))));
        assertTrue(workflow.action("close", "open").isPresent());
        assertTrue(workflow.action("close", "closed").isEmpty());
        assertEquals(List.of(), workflow.actionsFrom("closed"));
        assertEquals("open", workflow.migrationFrom(1).orElseThrow().target("pending"));
        assertEquals("closed", workflow.migrationFrom(1).orElseThrow().target("closed"));
        assertTrue(workflow.migrationFrom(2).isEmpty());
    }

    @Test
    void anSlaIsOverdueOncePastItsDeadlineUnlessMetInTime() {
        java.time.Instant deadline = java.time.Instant.parse("2026-01-01T12:00:00Z");
        io.homeward.casemodel.SlaStatus open = new io.homeward.casemodel.SlaStatus("contact", deadline, null, null);
        assertTrue(!open.isOverdue(deadline.minusSeconds(1)));
        assertTrue(open.isOverdue(deadline.plusSeconds(1)));
        assertTrue(!new io.homeward.casemodel.SlaStatus("contact", deadline, deadline.minusSeconds(5), null).isOverdue(deadline.plusSeconds(60)));
        assertTrue(new io.homeward.casemodel.SlaStatus("contact", deadline, deadline.plusSeconds(5), null).isOverdue(deadline.plusSeconds(60)));
    }

    @Test
    void labelsFallBackToAnyLanguage() {
        Labels labels = new Labels(Map.of("fr", "Fugues"));
        assertEquals("Fugues", labels.in(List.of("nl", "fr"), "?"));
        assertEquals("Fugues", labels.in(List.of("de"), "?"));
        assertEquals("?", NONE.in(List.of("de"), "?"));
    }

    private static FieldDefinition field(FieldType type) {
        return new FieldDefinition("f", type, List.of(), 10, NONE);
    }
}
