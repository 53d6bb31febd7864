package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/homeward client cases:import} against the built distribution (Child Focus): a small file of legacy
 * records with one bad line is imported, the bad line refused with its number and reason and the client exiting 1;
 * the imported children are found by name in another script over the API, with their timeline and audit rows; running
 * the file again imports nothing twice. And a large import killed with {@code kill -9} midway, run again after the
 * restart, ends with every record imported exactly once.
 */
class CaseImportIT {

    private static final Pattern COUNTS = Pattern.compile("(\\d+) lines read: (\\d+) imported, (\\d+) already imported,"
            + " (\\d+) refused");

    @TempDir
    Path folder;

    @Test
    void aFileOfLegacyRecordsIsImportedItsBadLineRefusedAndNothingTwice() throws Exception {
        Path file = folder.resolve("legacy.jsonl");
        Files.write(file, List.of(
                json(record("CF-OLD-1", "Παπαδοπούλου", "Μαρία", "reported", null, Map.of("last-seen-place", "Gent"))),
                json(record("CF-OLD-2", "Шевченко", "Олена", "closed", "2020-02-01", Map.of())),
                json(record("CF-OLD-3", "Peeters", "An", "lost-in-space", null, Map.of())),
                json(record("CF-OLD-4", "Ionescu", "Ștefania", "investigation", null,
                        Map.of("police-reference", "PV-2019-77")))), StandardCharsets.UTF_8);
        try (HomewardInstance homeward = HomewardInstance.layOut(folder.resolve("instance"))) {
            homeward.start("--features", "child-focus");

            HomewardInstance.Result first = homeward.client("cases:import", "--center", "child-focus",
                    file.toString());
            System.out.println("CaseImportIT: " + first.output());
            assertEquals(1, first.status(), "a refused line fails the command: " + first.output());
            assertTrue(first.output().contains("line 3 refused: status: lost-in-space is not a state of workflow"
                    + " disappearance"), first.output());
            assertEquals(List.of(4, 3, 0, 1), counts(first.output()));

            ApiClient api = ApiClient.forCenter(homeward, "child-focus");
            JsonNode found = api.get("/api/v1/cases?center=child-focus&q=Papadopoulou").body();
            assertEquals(1, found.get("total").asInt(), found.toString());
            JsonNode imported = found.get("items").get(0);
            assertEquals("CF-2019-00001", imported.get("number").asText(), "numbered in the year it was opened");
            assertEquals("reported", imported.get("status").asText());
            String id = imported.get("id").asText();
            JsonNode history = api.get("/api/v1/cases/" + id + "/history").body().get("items");
            assertEquals("OPENED", history.get(0).get("kind").asText());
            assertTrue(history.get(0).get("note").asText().contains("legacy record CF-OLD-1 of center child-focus"
                    + " (legacy.jsonl, line 1)"), history.toString());
            JsonNode audit = api.get("/api/v1/cases/" + id + "/audit").body().get("items");
            assertEquals("CASE_IMPORTED", audit.get(0).get("action").asText(), audit.toString());
            assertEquals(1, api.get("/api/v1/cases?center=child-focus&q=Shevchenko").body().get("total").asInt());
            assertEquals(3, api.get("/api/v1/cases?center=child-focus").body().get("total").asInt());

            HomewardInstance.Result again = homeward.client("cases:import", "--center", "child-focus",
                    file.toString());
            assertEquals(List.of(4, 0, 3, 1), counts(again.output()), again.output());
            assertEquals(3, api.get("/api/v1/cases?center=child-focus").body().get("total").asInt(),
                    "nothing imported twice");
            HomewardInstance.Result verified = homeward.client("audit:verify");
            assertEquals(0, verified.status(), verified.output());
        }
    }

    @Test
    void anImportKilledMidwayAndRunAgainImportsEveryRecordOnce() throws Exception {
        int records = 15_000;
        Path file = folder.resolve("large.jsonl");
        Files.write(file, IntStream.rangeClosed(1, records).mapToObj(i -> json(record("CF-BULK-" + i, "Bulk" + i,
                "Kind", "reported", null, Map.of("last-seen-place", "Brugge")))).toList(), StandardCharsets.UTF_8);
        try (HomewardInstance homeward = HomewardInstance.layOut(folder.resolve("instance"))) {
            homeward.start("--features", "child-focus");
            ApiClient.forCenter(homeward, "child-focus");

            // the client shows progress while the import runs: kill the platform at the first progress line
            Process client = new ProcessBuilder(homeward.home.resolve("bin/homeward").toString(), "client", "--data",
                    homeward.data.toString(), "cases:import", "--center", "child-focus", file.toString())
                    .redirectErrorStream(true).start();
            List<String> seen = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    seen.add(line);
                    if (COUNTS.matcher(line).find()) {
                        homeward.kill();
                        break;
                    }
                }
            }
            assertTrue(client.waitFor(1, TimeUnit.MINUTES));
            System.out.println("CaseImportIT: before kill -9: " + seen);
            List<Integer> before = counts(String.join("\n", seen));
            assertTrue(before.get(1) > 0 && before.get(1) < records, "the kill landed midway: " + seen);

            homeward.start();
            HomewardInstance.Result resumed = homeward.client("cases:import", "--center", "child-focus",
                    file.toString());
            System.out.println("CaseImportIT: after the restart: " + resumed.output());
            assertEquals(0, resumed.status(), resumed.output());
            List<Integer> counts = counts(resumed.output());
            assertEquals(records, counts.get(0));
            assertEquals(records, counts.get(1) + counts.get(2), "imported now or before: " + counts);
            assertTrue(counts.get(2) >= before.get(1), "what was reported imported survived the kill: " + counts);

            ApiClient api = ApiClient.forCenter(homeward, "child-focus");
            JsonNode statistics = api.get("/api/v1/cases/statistics?center=child-focus").body();
            assertEquals(records, statistics.get("total").asInt(), "every record once: " + statistics);
            assertEquals(0, homeward.client("audit:verify").status());
        }
    }

    /** A Child Focus runaway record opened on 3 May 2019 (closed cases need their closing time). */
    private static Map<String, Object> record(String reference, String familyName, String givenName, String status,
            String closedAt, Map<String, String> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("externalReference", reference);
        record.put("openedAt", "2019-05-03T09:30:00+02:00");
        if (closedAt != null) {
            record.put("closedAt", closedAt);
        }
        record.put("status", status);
        record.put("category", "runaway");
        record.put("riskLevel", "MEDIUM");
        record.put("riskReason", "left the reception centre after a dispute");
        record.put("fields", fields);
        record.put("persons", List.of(Map.of("role", "CHILD", "familyName", familyName, "givenName", givenName,
                "sex", "FEMALE", "dateOfBirth", "2006-03-02")));
        return record;
    }

    private static String json(Map<String, Object> record) {
        try {
            return ApiClient.JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return read, imported, already imported and refused, from the last counts line of the output */
    private static List<Integer> counts(String output) {
        Matcher m = COUNTS.matcher(output);
        List<Integer> last = null;
        while (m.find()) {
            last = List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)));
        }
        assertTrue(last != null, "no counts in: " + output);
        return last;
    }
}
