package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.homeward.casemodel.NewCase;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void unknownFieldsAreNamed() {
        assertEquals("unknown field 'colour'", describe("{\"centerId\":\"c\",\"category\":\"x\",\"colour\":1}"));
    }

    @Test
    void wrongEnumValuesListTheAllowedOnes() {
        assertEquals("field 'riskLevel': 'HUGE' is not one of LOW, MEDIUM, HIGH, CRITICAL",
                describe("{\"centerId\":\"c\",\"category\":\"x\",\"riskLevel\":\"HUGE\"}"));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertEquals("field 'centerId' is required", describe("{\"category\":\"x\"}"));
        assertEquals("field 'persons[0].role' is required",
                describe("{\"centerId\":\"c\",\"category\":\"x\",\"persons\":[{\"familyName\":\"A\"}]}"));
    }

    @Test
    void wrongTypesAndMalformedJsonSayWhere() {
        assertTrue(describe("{\"centerId\":\"c\",\"category\":\"x\",\"persons\":\"nobody\"}").startsWith("field 'persons': "));
        assertEquals("malformed JSON at line 1, column 14", describe("{\"centerId\": }"));
        assertEquals("malformed JSON: the body ends before the JSON value is complete",
                describe("{\"centerId\":\"c\",\"category\":\"x\",\"fields\":{\"a\":\"b\""));
        assertEquals("malformed JSON: the body ends before the JSON value is complete", describe("{\"centerId\": "));
    }

    @Test
    void numbersAndBooleansAreNoTextAndNoEnumConstants() {
        assertEquals("field 'riskLevel': '3' is not one of LOW, MEDIUM, HIGH, CRITICAL",
                describe("{\"centerId\":\"c\",\"category\":\"x\",\"riskLevel\":3}"));
        assertEquals("field 'centerId': wrong type or shape of value", describe("{\"centerId\":5,\"category\":\"x\"}"));
        assertEquals("field 'fields.last-seen': wrong type or shape of value",
                describe("{\"centerId\":\"c\",\"category\":\"x\",\"fields\":{\"last-seen\":true}}"));
    }

    @Test
    void labelsAreWrittenAsAPlainLanguageMap() throws Exception {
        assertEquals("{\"nl\":\"Weglopers\"}",
                Json.MAPPER.writeValueAsString(new io.homeward.casemodel.center.Labels(java.util.Map.of("nl", "Weglopers"))));
    }

    @Test
    void aHubCenterIsWrittenWithItsMembersAndRules() throws Exception {
        io.homeward.casemodel.center.Hub hub = new io.homeward.casemodel.center.Hub(java.util.List.of("AL", "GR"),
                io.homeward.casemodel.center.Hub.Routing.TRANSFER, java.util.Map.of());
        io.homeward.casemodel.center.Center seec = new io.homeward.casemodel.center.Center("seec", "SEEC", "GR",
                java.time.ZoneId.of("Europe/Athens"), java.util.List.of("en"), java.util.List.of(),
                new io.homeward.casemodel.center.CaseNumberScheme("S-{seq:3}"), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), hub, "seec 1");
        String json = Json.MAPPER.writeValueAsString(seec);
        assertTrue(json.contains("\"hub\":{\"members\":[\"AL\",\"GR\"],\"routing\":\"TRANSFER\""), json);
    }

    private static String describe(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, NewCase.class));
        return Json.describe(e);
    }
}
