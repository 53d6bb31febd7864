package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.homeward.casemodel.NewCase;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aNullBodyDeepNestingAndEndlessNumbersAre400() {
        assertEquals("the request body is null; send a JSON object", refusal(" null ", NewCase.class));
        // a typed body refuses a wrong shape before it reads deeper; a free-form value reads on to the limits
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertTrue(refusal(deep, JsonNode.class).startsWith("the JSON is beyond the limits of the API: at most 32"),
                refusal(deep, JsonNode.class));
        String endless = "{\"a\":" + "9".repeat(1200) + "}";
        assertTrue(refusal(endless, JsonNode.class).contains("numbers of at most 1000 digits"),
                refusal(endless, JsonNode.class));
        assertEquals("field 'persons[0].familyName' holds a NUL character or half of a surrogate pair (\\u0000,"
                + " \\ud800…\\udfff alone), which no text may hold", refusal("{\"centerId\":\"c\",\"category\":\"x\","
                + "\"persons\":[{\"role\":\"CHILD\",\"familyName\":\"a\\u0000\"}]}", NewCase.class));
        assertTrue(refusal("{\"centerId\":\"\\ud800x\"}", NewCase.class).startsWith("field 'centerId' holds"));
        assertTrue(refusal("{\"centerId\":\"\\udc00\"}", NewCase.class).startsWith("field 'centerId' holds"));
        assertTrue(refusal("{\"centerId\":\"c\",\"category\":\"x\"} []", NewCase.class).startsWith("malformed JSON"),
                "a second value after the body");
        assertTrue(refusal("{\"centerId\":\"c\",\"centerId\":\"d\"}", NewCase.class).startsWith("malformed JSON"),
                "a field twice");
        assertEquals("field 'category' is required", refusal("{\"centerId\":\"a\\\\u0000 \\ud83d\\ude00\"}",
                NewCase.class), "an escaped backslash before u0000 is text, and a whole pair is a character");
    }

    @Test
    void aBodyThatStallsIs408AndOneThatBreaksOff400() {
        // what Jetty throws at its idle timeout, and for a chunk size that is no number
        assertEquals(408, Json.brokenBody(new java.io.IOException(new java.util.concurrent.TimeoutException(
                "Idle timeout expired"))).status());
        assertEquals(400, Json.brokenBody(new java.io.EOFException("bad chunk")).status());
    }

    private static String refusal(String body, Class<?> type) {
        return assertThrows(ApiException.class, () -> Json.parse(body.getBytes(StandardCharsets.UTF_8), type))
                .getMessage();
    }

    private static String describe(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readValue(json, NewCase.class));
        return Json.describe(e);
    }
}
