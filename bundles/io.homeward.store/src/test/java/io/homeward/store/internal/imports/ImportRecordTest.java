package io.homeward.store.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one line is read: the import's members, the intake as the API reads it, and the problems named. */
class ImportRecordTest {

    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    @Test
    void aGoodLineGivesTheRecordWithTheImportsCenter() {
        ImportRecord.Result result = read("{\"externalReference\": \" OLD-7 \", \"openedAt\": \"2019-05-03\","
                + " \"closedAt\": \"2019-06-01T10:00:00Z\", \"status\": \"closed\", \"category\": \"runaway\","
                + " \"riskLevel\": \"HIGH\", \"riskReason\": \"no money\", \"persons\": [{\"role\": \"CHILD\","
                + " \"familyName\": \"Шевченко\", \"dateOfBirth\": \"2008-02-29\"}]}");

        assertEquals(List.of(), result.problems());
        ImportRecord record = result.record();
        assertEquals("OLD-7", record.externalReference(), "stripped");
        assertEquals(Instant.parse("2019-05-02T22:00:00Z"), record.openedAt().in(BRUSSELS));
        assertEquals(Instant.parse("2019-06-01T10:00:00Z"), record.closedAt().in(BRUSSELS));
        assertEquals("closed", record.status());
        assertEquals("center", record.intake().centerId());
        assertEquals(RiskLevel.HIGH, record.intake().riskLevel());
        assertEquals(PersonRole.CHILD, record.intake().persons().get(0).role());
        assertEquals(LocalDate.of(2008, 2, 29), record.intake().persons().get(0).dateOfBirth());
    }

    @Test
    void momentsAreDatesOrTimestampsWithOrWithoutAnOffset() {
        assertEquals(Instant.parse("2019-05-02T22:00:00Z"), ImportRecord.Moment.parse("2019-05-03").in(BRUSSELS));
        assertEquals(Instant.parse("2019-05-03T12:20:00Z"),
                ImportRecord.Moment.parse("2019-05-03T14:20:00").in(BRUSSELS), "local, in the center's zone");
        assertEquals(Instant.parse("2019-05-03T14:20:00Z"),
                ImportRecord.Moment.parse("2019-05-03T14:20:00Z").in(BRUSSELS));
        assertEquals(Instant.parse("2019-05-03T12:20:00Z"),
                ImportRecord.Moment.parse("2019-05-03T14:20:00+02:00").in(BRUSSELS));
        assertNull(ImportRecord.Moment.parse("03/05/2019"));
        assertNull(ImportRecord.Moment.parse("2019-02-30"));
    }

    @Test
    void everyProblemOfTheImportsMembersIsNamedAndTheIntakeStillRead() {
        ImportRecord.Result result = read("{\"externalReference\": 42, \"openedAt\": \"yesterday\","
                + " \"category\": \"runaway\", \"centerId\": \"elsewhere\"}");

        assertEquals(List.of("externalReference: must be a string",
                "openedAt: 'yesterday' is not a date (2019-05-03) or a timestamp (2019-05-03T14:20:00Z, with an"
                        + " offset, or 2019-05-03T14:20:00 in the center's time zone)",
                "status: is required",
                "centerId: the import is for center center, this record names elsewhere; leave it out or import the"
                        + " file for that center"), result.problems());
        assertEquals("runaway", result.record().intake().category(), "read, so that its checks add their reasons");
    }

    @Test
    void theIntakePartIsReadAsStrictlyAsTheApiReadsIt() {
        assertEquals(List.of("field 'riskLevel': 'SEVERE' is not one of LOW, MEDIUM, HIGH, CRITICAL"),
                problems("\"riskLevel\": \"SEVERE\""));
        assertEquals(List.of("field 'riskReason': wrong type or shape of value"), problems("\"riskReason\": 5"));
        assertEquals(List.of("field 'persons[0].role' is required"), problems("\"persons\": [{\"familyName\": \"X\"}]"));
        assertEquals(List.of("field 'persons[0].dateOfBirth': not a date (YYYY-MM-DD)"),
                problems("\"persons\": [{\"role\": \"CHILD\", \"dateOfBirth\": \"29.02.2008\"}]"));
        assertEquals(List.of("field 'category' is required"), read("{\"externalReference\": \"R\", \"openedAt\":"
                + " \"2019-05-03\", \"status\": \"new\"}").problems());
    }

    @Test
    void whatIsNoIntakeAtAllIsRefusedAlone() {
        assertTrue(read("{\"externalReference\": ").problems().get(0).startsWith("malformed JSON"));
        assertEquals(List.of("a line must hold one JSON object, the intake of one case"), read("\"text\"").problems());
        assertEquals(List.of("malformed JSON: more than one JSON value on the line"), read("{} {}").problems());
        assertNull(read("[]").record());
    }

    private static List<String> problems(String member) {
        return read("{\"externalReference\": \"R\", \"openedAt\": \"2019-05-03\", \"status\": \"new\", \"category\":"
                + " \"runaway\", " + member + "}").problems();
    }

    private static ImportRecord.Result read(String json) {
        return ImportRecord.read(1, json.getBytes(StandardCharsets.UTF_8), "center");
    }
}
