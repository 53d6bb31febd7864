package io.homeward.center.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.Workflow;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationReaderTest {

    private final DeclarationReader reader = new DeclarationReader();

    @Test
    void childFocusDeclarationShippedWithItsPluginIsValid() throws Exception {
        Path file = Path.of("../io.homeward.center.childfocus/src/main/resources/OSGI-INF/homeward/center.xml");
        List<Center> centers;
        try (InputStream in = Files.newInputStream(file)) {
            centers = reader.read(in, "OSGI-INF/homeward/center.xml", "io.homeward.center.childfocus 1.0.0");
        }
        assertEquals(1, centers.size());
        Center childFocus = centers.get(0);
        assertEquals("child-focus", childFocus.id());
        assertEquals("BE", childFocus.country());
        assertEquals(List.of("nl", "fr", "de"), childFocus.languages());
        assertEquals("116000", childFocus.hotlines().get(0).number());
        assertEquals(5, childFocus.categories().size());
        assertEquals(CaseType.PARENTAL_ABDUCTION_INTERNATIONAL,
                childFocus.category("international-parental-abduction").orElseThrow().caseType());
        Workflow disappearance = childFocus.currentWorkflow("disappearance").orElseThrow();
        assertEquals("reported", disappearance.initialState());
        assertEquals(List.of("police-reference"), disappearance.state("investigation").orElseThrow().requiredFields());
        assertEquals("CF-2026-00042", childFocus.caseNumbers().format(2026, 42));
        assertEquals("Weglopers", childFocus.category("runaway").orElseThrow().labels().in(List.of("nl"), "?"));
    }

    @Test
    void everyShippedCenterDeclarationIsValidAndTheWorkflowsReallyDiffer() throws Exception {
        Center childFocus = shipped("childfocus");
        Center smile = shipped("smileofthechild");
        Center focus = shipped("focus");
        Center seec = shipped("seec");
        assertEquals(List.of("el", "en"), smile.languages());
        assertEquals(List.of("ro", "en"), focus.languages());
        assertEquals(java.time.ZoneId.of("Europe/Athens"), smile.timeZone());
        // Greece opens a case only once the police know; Belgium and Romania ask for it later in the workflow
        assertEquals(List.of("police-station"), smile.currentWorkflow("missing-child").orElseThrow().state("reported").orElseThrow().requiredFields());
        assertEquals(List.of(), childFocus.currentWorkflow("disappearance").orElseThrow().state("reported").orElseThrow().requiredFields());
        assertEquals(java.time.Duration.ofHours(1), focus.currentWorkflow("missing").orElseThrow().slas().get(0).within());
        assertEquals(4, smile.alertCriteria().size());
        assertEquals(List.of("abduction-confirmed", "serious-danger", "suspect-or-vehicle"), smile.sections().get(0).fields());
        assertEquals("Opvolging met de politie", childFocus.sections().get(0).labels().in(List.of("nl"), "?"));
        assertTrue(seec.isHub());
        assertEquals(13, seec.hub().members().size(), seec.hub().members().toString());
        assertEquals("SEEC-AL-2026-0007", seec.hub().rules("AL").orElseThrow().caseNumbers().format(2026, 7));
        assertEquals(List.of("reporting-authority"), seec.hub().rules("XK").orElseThrow().requiredAtIntake());
    }

    private Center shipped(String plugin) throws Exception {
        Path file = Path.of("../io.homeward.center." + plugin + "/src/main/resources/OSGI-INF/homeward/center.xml");
        try (InputStream in = Files.newInputStream(file)) {
            List<Center> centers = reader.read(in, "OSGI-INF/homeward/center.xml", plugin + " 1.0.0");
            assertEquals(1, centers.size());
            return centers.get(0);
        }
    }

    @Test
    void everyCrossReferenceMistakeIsReportedWithItsLine() {
        DeclarationException e = assertThrows(DeclarationException.class, () -> read("broken.xml"));
        List<String> problems = e.problems().stream().map(DeclarationProblem::toString).toList();
        assertEquals(List.of(
                "center.xml:7:67: category 'runaway' uses workflow 'nowhere', which is not declared (declared: missing)",
                "center.xml:11:101: state 'open' requires field 'unknown-field', which is not declared",
                "center.xml:13:48: action 'close' goes to unknown state 'done'"), problems);
    }

    @Test
    void schemaViolationsNameFileLineAndTheOffendingValue() {
        DeclarationException e = assertThrows(DeclarationException.class, () -> read("invalid-schema.xml"));
        DeclarationProblem first = e.problems().get(0);
        assertEquals("center.xml", first.file());
        assertEquals(3, first.line());
        assertTrue(e.getMessage().contains("ZAF"), e.getMessage());
        assertTrue(e.getMessage().contains("label") || e.getMessage().contains("Country") || e.getMessage().contains("pattern"),
                e.getMessage());
    }

    @Test
    void aDoctypeIsRefusedSoEntitiesCannotBeExpanded() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE centers [<!ENTITY x \"y\">]>\n<centers xmlns=\"urn:homeward:center:1.0\"/>";
        DeclarationException e = assertThrows(DeclarationException.class,
                () -> reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "center.xml", "p 1"));
        assertTrue(e.getMessage().startsWith("center.xml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    private List<Center> read(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/declarations/" + name)) {
            return reader.read(in, "center.xml", "test.plugin 1.0.0");
        }
    }
}
