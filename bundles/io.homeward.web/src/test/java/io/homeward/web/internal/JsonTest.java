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
    }

    @Test
    void labelsAreWrittenAsAPlainLanguageMap() throws Exception {
        assertEquals("{\"nl\":\"Weglopers\"}",
                Json.MAPPER.writeValueAsString(new io.homeward.casemodel.center.Labels(java.util.Map.of("nl", "Weglopers"))));
    }

    private static String describe(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, NewCase.class));
        return Json.describe(e);
    }
}
