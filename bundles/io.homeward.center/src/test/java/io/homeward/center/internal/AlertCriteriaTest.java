package io.homeward.center.internal;

import static io.homeward.casemodel.alert.CriterionResult.Outcome.MET;
import static io.homeward.casemodel.alert.CriterionResult.Outcome.UNKNOWN;
import static io.homeward.casemodel.alert.CriterionResult.Outcome.UNMET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskAssessment;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.alert.AlertEvaluation;
import io.homeward.casemodel.alert.CriterionResult;
import io.homeward.casemodel.center.AlertPlan;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.security.Role;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Alert plans as plugins declare them, read by the real {@link DeclarationReader} and evaluated against cases: the US
 * DOJ AMBER set and the UK Child Rescue Alert set as test declarations, and the plan of every shipped national center.
 * Each plan is shown met, unmet (one criterion's evidence says no) and unknown (one criterion's evidence is absent).
 */
class AlertCriteriaTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final LocalDate TEN_YEARS_OLD = LocalDate.of(2016, 5, 1);
    private static final LocalDate EIGHTEEN_YEARS_OLD = LocalDate.of(2008, 1, 2);

    private final DeclarationReader reader = new DeclarationReader();

    // the DOJ's AMBER Alert criteria (2004 guidance): confirmed abduction, risk of serious harm or death, enough
    // descriptive information, 17 or younger, entered into NCIC
    private static final String US_AMBER = """
            <field id="abduction-confirmed" type="choice"><label lang="en">Abduction confirmed by law enforcement</label><choice value="yes"/><choice value="no"/></field>
            <field id="serious-harm" type="choice"><label lang="en">Risk of serious bodily injury or death</label><choice value="yes"/><choice value="no"/></field>
            <field id="descriptive-information" type="text"><label lang="en">Description of the child, captor or vehicle</label></field>
            <field id="ncic-number" type="text" max-length="20"><label lang="en">NCIC record number</label></field>
            %s
            <alert-criterion id="abduction-confirmed" rule="field-equals" field="abduction-confirmed" value="yes"><label lang="en">Law enforcement confirms an abduction</label></alert-criterion>
            <alert-criterion id="serious-harm" rule="field-equals" field="serious-harm" value="yes"><label lang="en">The child is at risk of serious bodily injury or death</label></alert-criterion>
            <alert-criterion id="descriptive-information" rule="field-present" field="descriptive-information"><label lang="en">Enough descriptive information</label></alert-criterion>
            <alert-criterion id="age" rule="child-age-below" value="18"><label lang="en">The child is 17 or younger</label></alert-criterion>
            <alert-criterion id="ncic" rule="field-present" field="ncic-number"><label lang="en">Entered into NCIC</label></alert-criterion>
            <alert-plan request="CASE_WORKER SUPERVISOR" decide="SUPERVISOR">
              <event><label lang="en">AMBER Alert</label></event>
              <event-code value-name="SAME" value="CAE"/>
              <area><label lang="en">Commonwealth of Virginia</label><geocode value-name="SAME" value="051000"/></area>
            </alert-plan>
            """;

    // the UK Child Rescue Alert: under 18, reasonable belief of abduction, imminent danger of serious harm or death,
    // enough information for the public to help
    private static final String UK_CRA = """
            <field id="abduction-believed" type="choice"><label lang="en">Reasonable belief of abduction</label><choice value="yes"/><choice value="no"/></field>
            <field id="imminent-danger" type="choice"><label lang="en">Imminent danger of serious harm or death</label><choice value="yes"/><choice value="no"/></field>
            <field id="public-can-help" type="choice"><label lang="en">Enough information for the public to help</label><choice value="yes"/><choice value="no"/></field>
            %s
            <alert-criterion id="under-18" rule="child-age-below" value="18"><label lang="en">Under 18</label></alert-criterion>
            <alert-criterion id="abduction" rule="field-equals" field="abduction-believed" value="yes"><label lang="en">Reasonable belief the child was abducted</label></alert-criterion>
            <alert-criterion id="danger" rule="field-equals" field="imminent-danger" value="yes"><label lang="en">Imminent danger of serious harm or death</label></alert-criterion>
            <alert-criterion id="public" rule="field-equals" field="public-can-help" value="yes"><label lang="en">The public can help</label></alert-criterion>
            <alert-plan request="CASE_WORKER" decide="SUPERVISOR">
              <event><label lang="en">Child Rescue Alert</label></event>
              <event-code value-name="SAME" value="CAE"/>
              <area><label lang="en">United Kingdom</label><geocode value-name="ISO3166-1" value="GB"/></area>
            </alert-plan>
            """;

    @Test
    void theUsAmberSetIsMetOnlyWhenAllFiveCriteriaAre() throws Exception {
        Center amber = declared("US", US_AMBER);
        AlertPlan plan = amber.plan().orElseThrow();
        assertEquals(new AlertPlan.Code("SAME", "CAE"), plan.eventCode());
        assertEquals(List.of(new AlertPlan.Code("SAME", "051000")), plan.area().geocodes());
        Map<String, String> all = Map.of("abduction-confirmed", "yes", "serious-harm", "yes",
                "descriptive-information", "grey sedan, plate ABC-1234", "ncic-number", "M123456789");

        AlertEvaluation met = evaluate(amber, all, TEN_YEARS_OLD);
        assertEquals(List.of(MET, MET, MET, MET, MET), outcomes(met));
        assertTrue(met.allMet());
        assertEquals("10", met.results().get(3).value(), "the age is the evidence of the age criterion");

        AlertEvaluation adult = evaluate(amber, all, EIGHTEEN_YEARS_OLD);
        assertEquals(List.of(MET, MET, MET, UNMET, MET), outcomes(adult));
        AlertEvaluation notConfirmed = evaluate(amber, with(all, "abduction-confirmed", "no"), TEN_YEARS_OLD);
        assertEquals(UNMET, notConfirmed.results().get(0).outcome());
        assertFalse(notConfirmed.allMet());

        AlertEvaluation noNcic = evaluate(amber, with(all, "ncic-number", null), TEN_YEARS_OLD);
        assertEquals(List.of(MET, MET, MET, MET, UNKNOWN), outcomes(noNcic));
        AlertEvaluation noBirthDate = evaluate(amber, all, null);
        assertEquals(UNKNOWN, noBirthDate.results().get(3).outcome(), "no date of birth: the age is unknown, not unmet");
        assertFalse(noBirthDate.allMet());
    }

    @Test
    void theUkChildRescueAlertSetIsMetUnmetOrUnknown() throws Exception {
        Center cra = declared("GB", UK_CRA);
        assertEquals(Set.of(Role.CASE_WORKER), cra.plan().orElseThrow().requesters());
        Map<String, String> all = Map.of("abduction-believed", "yes", "imminent-danger", "yes", "public-can-help", "yes");
        assertEquals(List.of(MET, MET, MET, MET), outcomes(evaluate(cra, all, TEN_YEARS_OLD)));
        assertEquals(List.of(MET, MET, UNMET, MET), outcomes(evaluate(cra, with(all, "imminent-danger", "no"),
                TEN_YEARS_OLD)));
        assertEquals(List.of(MET, MET, MET, UNKNOWN), outcomes(evaluate(cra, with(all, "public-can-help", null),
                TEN_YEARS_OLD)));
        assertEquals(List.of(UNMET, MET, MET, MET), outcomes(evaluate(cra, all, EIGHTEEN_YEARS_OLD)));
    }

    @Test
    void amberAlertHellasOfTheSmileOfTheChild() throws Exception {
        Center smile = shipped("smileofthechild");
        AlertPlan plan = smile.plan().orElseThrow();
        assertEquals("Amber Alert Hellas", plan.event().in(List.of("el"), "?"));
        assertEquals(Set.of(Role.SUPERVISOR), plan.deciders());
        assertEquals(List.of(new AlertPlan.Code("ISO3166-1", "GR")), plan.area().geocodes());
        Map<String, String> all = Map.of("abduction-confirmed", "yes", "serious-danger", "yes",
                "suspect-or-vehicle", "white van");
        assertEquals(List.of(MET, MET, MET, MET), outcomes(evaluate(smile, all, TEN_YEARS_OLD)));
        assertEquals(List.of(MET, UNMET, MET, MET), outcomes(evaluate(smile, with(all, "abduction-confirmed", "no"),
                TEN_YEARS_OLD)));
        assertEquals(List.of(MET, MET, MET, UNKNOWN), outcomes(evaluate(smile, with(all, "suspect-or-vehicle", null),
                TEN_YEARS_OLD)));
    }

    @Test
    void childAlertOfChildFocus() throws Exception {
        Center childFocus = shipped("childfocus");
        assertEquals("België", childFocus.plan().orElseThrow().area().description().in(List.of("nl"), "?"));
        Map<String, String> all = Map.of("life-in-danger", "yes", "public-can-help", "yes",
                "police-reference", "BR.12.LB.1/26");
        assertEquals(List.of(MET, MET, MET, MET), outcomes(evaluate(childFocus, all, TEN_YEARS_OLD)));
        assertEquals(List.of(MET, MET, UNMET, MET), outcomes(evaluate(childFocus, with(all, "public-can-help", "no"),
                TEN_YEARS_OLD)));
        assertEquals(List.of(MET, MET, MET, UNKNOWN), outcomes(evaluate(childFocus, with(all, "police-reference", null),
                TEN_YEARS_OLD)));
    }

    @Test
    void theChildAbductionAlertOfFocusRomania() throws Exception {
        Center focus = shipped("focus");
        assertEquals("Alertă Răpire Copil", focus.plan().orElseThrow().event().in(List.of("ro"), "?"));
        Map<String, String> all = Map.of("abduction-confirmed", "yes", "imminent-danger", "yes");
        assertEquals(List.of(MET, MET, MET), outcomes(evaluate(focus, all, TEN_YEARS_OLD)));
        assertEquals(List.of(MET, MET, UNMET), outcomes(evaluate(focus, with(all, "imminent-danger", "no"),
                TEN_YEARS_OLD)));
        assertEquals(List.of(UNKNOWN, MET, MET), outcomes(evaluate(focus, all, null)));
    }

    @Test
    void theHubDeclaresNoPlanAndAPlanMissingALanguageOrCriteriaIsRefusedWithItsLine() throws Exception {
        assertTrue(shipped("seec").plan().isEmpty());
        String noCriteria = """
                <alert-plan request="CASE_WORKER" decide="SUPERVISOR">
                  <event><label lang="en">Alert</label></event>
                  <event-code value-name="SAME" value="CAE"/>
                  <area><label lang="fr">Belgique</label></area>
                </alert-plan>
                """;
        DeclarationException e = assertThrows(DeclarationException.class, () -> declared("BE", "%s" + noCriteria));
        List<String> problems = e.problems().stream().map(DeclarationProblem::toString).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches("center.xml:\\d+:\\d+: the alert plan has no criteria.*"), problems.get(0));
        assertTrue(problems.get(1).contains("area needs a label in every language of the center") && problems.get(1)
                .endsWith("missing: en"), problems.get(1));
        DeclarationException badRole = assertThrows(DeclarationException.class, () -> declared("GB",
                UK_CRA.replace("decide=\"SUPERVISOR\"", "decide=\"CENTER_ADMIN\"")));
        assertTrue(badRole.getMessage().contains("CENTER_ADMIN"), badRole.getMessage());
        // every alert action needs CASE_UPDATE, which a hotline operator has not: a plan cannot promise it one
        DeclarationException operator = assertThrows(DeclarationException.class, () -> declared("GB",
                UK_CRA.replace("request=\"CASE_WORKER\"", "request=\"HOTLINE_OPERATOR CASE_WORKER\"")));
        assertTrue(operator.getMessage().contains("HOTLINE_OPERATOR"), operator.getMessage());
    }

    /** A center of the given country declaring the given fields, criteria and plan ({@code %s}: its workflow). */
    private Center declared(String country, String declarations) throws Exception {
        String workflow = """
                <category id="abduction" case-type="CRIMINAL_ABDUCTION" workflow="w"><label lang="en">Abduction</label></category>
                <workflow id="w" version="1">
                  <state id="open" initial="true"><label lang="en">Open</label></state>
                  <state id="closed" terminal="true"><label lang="en">Closed</label></state>
                  <action id="close" from="open" to="closed"><label lang="en">Close</label></action>
                </workflow>
                """;
        String xml = "<centers xmlns=\"urn:homeward:center:1.0\">\n<center id=\"test\" name=\"Test\" country=\"" + country
                + "\">\n<language code=\"en\"/>\n<case-number pattern=\"T-{yyyy}-{seq:5}\"/>\n"
                + declarations.formatted(workflow) + "</center>\n</centers>\n";
        return reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "center.xml", "test 1.0.0")
                .get(0);
    }

    private Center shipped(String plugin) throws Exception {
        Path file = Path.of("../io.homeward.center." + plugin + "/src/main/resources/OSGI-INF/homeward/center.xml");
        try (InputStream in = Files.newInputStream(file)) {
            return reader.read(in, "OSGI-INF/homeward/center.xml", plugin + " 1.0.0").get(0);
        }
    }

    private static AlertEvaluation evaluate(Center center, Map<String, String> fields, LocalDate childBorn) {
        Person child = new Person(UUID.randomUUID(), new PersonDetails(PersonRole.CHILD, "Doe", "Sam", Sex.UNKNOWN,
                childBorn, null, null));
        Case subject = new Case(UUID.randomUUID(), "T-2026-00001", center.id(), center.country(),
                CaseType.CRIMINAL_ABDUCTION, "abduction", "w", 1, "open",
                new RiskAssessment(RiskLevel.HIGH, "abducted", "tester", Instant.EPOCH), Instant.EPOCH, null, null,
                fields, List.of(child), List.of(), List.of(), 0);
        return AlertEvaluation.of(center.plan().orElseThrow().criteria(), subject, TODAY);
    }

    private static List<CriterionResult.Outcome> outcomes(AlertEvaluation evaluation) {
        return evaluation.results().stream().map(CriterionResult::outcome).toList();
    }

    /** @return the fields with one changed, or removed when the value is null */
    private static Map<String, String> with(Map<String, String> fields, String id, String value) {
        Map<String, String> changed = new HashMap<>(new LinkedHashMap<>(fields));
        if (value == null) {
            changed.remove(id);
        } else {
            changed.put(id, value);
        }
        return changed;
    }
}
