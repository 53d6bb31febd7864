package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowState;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalizerTest {

    private static final Center GREECE = new Center("smile", "The Smile of the Child", "GR", ZoneId.of("Europe/Athens"),
            List.of("el", "en"), List.of(), new CaseNumberScheme("GR-{seq:4}"),
            List.of(new FieldDefinition("police-station", FieldType.TEXT, List.of(), 100,
                    new Labels(Map.of("el", "Αστυνομικό τμήμα", "en", "Police station")))),
            List.of(new CaseCategory("runaway", CaseType.RUNAWAY, "missing", new Labels(Map.of()))),
            List.of(new Workflow("missing", 1, "reported",
                    List.of(new WorkflowState("reported", false, List.of("police-station"),
                            new Labels(Map.of("el", "Καταγγελία", "en", "Reported")))),
                    List.of(), List.of(), List.of())),
            List.of(), List.of(), null, "test 1");

    private static final InvalidCaseException REQUIRED = new InvalidCaseException(List.of(
            new Violation("fields.police-station", "is required in state reported", "field.required-in-state", List.of("reported")),
            new Violation("riskReason", "must say why the risk level was set")));

    @Test
    void codedProblemsSpeakTheCentersLanguageWithItsOwnLabels() {
        ApiException e = Localizer.localize(REQUIRED, GREECE, "el-GR,el;q=0.9,en;q=0.5");
        assertEquals("el", e.language());
        assertEquals("Το πεδίο «Αστυνομικό τμήμα» είναι υποχρεωτικό για την κατάσταση «Καταγγελία»", e.violations().get(0).message());
        // problems without a code stay in English
        assertEquals("riskReason: must say why the risk level was set", e.violations().get(1).message());
        assertEquals("field.required-in-state", e.violations().get(0).code());
    }

    @Test
    void aLanguageTheCenterDoesNotWorkInFallsBackToEnglish() {
        ApiException e = Localizer.localize(REQUIRED, GREECE, "nl-BE");
        assertNull(e.language());
        assertEquals("is required in state reported", e.violations().get(0).message());
        assertEquals("Police station is required for the state Reported",
                Localizer.localize(REQUIRED, GREECE, "en").violations().get(0).message());
    }

    @Test
    void aMalformedAcceptLanguageIsIgnored() {
        assertNull(Localizer.language("el;q=zzz", GREECE));
    }
}
