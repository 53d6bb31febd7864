package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live plugin lifecycle on the real distribution, under load: while four clients open cases and work them
 * over HTTP, the Child Focus plugin is updated through {@code deploy/}, rolled back with {@code plugin:rollback},
 * and updated with {@code plugin:deploy} to a version that brings version 2 of its disappearance workflow with a
 * migration. No request fails, no case is lost or numbered twice, open cases move to version 2; a rollback that
 * would strand them is refused. Undeployed, the center's cases stay readable and refuse actions.
 */
class HotUpdateIT {

    private static final Pattern MIGRATED = Pattern.compile("version 1 -> 2: (\\d+) open case\\(s\\) migrated");
    private static final String NAME = ChildFocusPlugin.SYMBOLIC_NAME;

    @TempDir
    Path folder;

    @Test
    void pluginIsUpdatedRolledBackAndMigratedUnderLoadWithoutAFailedRequestOrLostCase() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        try (homeward) {
            homeward.start();
            ApiClient api = ApiClient.forCenter(homeward, "child-focus");
            Path v1 = ChildFocusPlugin.shipped(homeward);
            Path v11 = ChildFocusPlugin.version(homeward, folder, "0.1.1", d -> d.replace("Child Focus\"", "Child Focus (0.1.1)\""));
            Path v2 = ChildFocusPlugin.version(homeward, folder, "0.2.0", ChildFocusPlugin::withDisappearanceVersion2);
            assertEquals("-", deployed(homeward), "no plugin is deployed yet");

            succeeds(homeward, "plugin:deploy", v1.toString());
            String original = deployed(homeward);
            assertTrue(centers(api).contains(ChildFocusPlugin.CENTER));

            int migrated;
            CaseLoad load = CaseLoad.start(api, ChildFocusPlugin.CENTER, 4);
            try (load) {
                load.awaitServed(100);

                // an update dropped into deploy/ takes the same side-by-side path as plugin:deploy
                homeward.deploy(v11);
                HomewardInstance.awaitCondition("deploy/ to update the plugin", Duration.ofSeconds(30),
                        () -> deployed(homeward).equals("0.1.1"));
                assertEquals("Child Focus (0.1.1)", center(api).get("name").asText());
                load.awaitServed(100);

                succeeds(homeward, "plugin:rollback", NAME);
                assertEquals(original, deployed(homeward));
                assertEquals("Child Focus", center(api).get("name").asText());
                load.awaitServed(100);

                String update = succeeds(homeward, "plugin:deploy", v2.toString());
                Matcher moved = MIGRATED.matcher(update);
                assertTrue(moved.find(), update);
                migrated = Integer.parseInt(moved.group(1));
                assertTrue(migrated > 0, "the clients keep cases open: some must have moved");
                load.awaitServed(100);

                // back to a version without workflow version 2 would strand the migrated cases: refused, unchanged
                HomewardInstance.Result refused = homeward.client("plugin:rollback", NAME);
                assertEquals(1, refused.status(), refused.output());
                assertTrue(refused.output().contains("would become read-only"), refused.output());
                assertEquals("0.2.0", deployed(homeward));
                load.awaitServed(100);
            }
            // the clients have stopped: every request sent has its answer
            Map<String, String> acknowledged = load.acknowledged();
            List<CaseLoad.Failure> failures = load.failures();
            assertEquals(0, failures.size(), "every request is answered as promised throughout; "
                    + failures.size() + " failed, the first: " + failures.subList(0, Math.min(5, failures.size())));
            System.out.printf("hot update under load: %d requests served, %d stale ETags retried, %d cases opened, %d migrated%n",
                    load.served(), load.stale(), acknowledged.size(), migrated);

            Set<String> numbers = new HashSet<>(acknowledged.values());
            assertEquals(acknowledged.size(), numbers.size(), "case numbers are unique");
            JsonNode search = api.get("/api/v1/cases?center=" + ChildFocusPlugin.CENTER + "&limit=1").body();
            assertEquals(acknowledged.size(), search.get("total").asLong(), "every case acknowledged is stored, once");
            int migratedSeen = 0;
            String openCase = null;
            for (String id : acknowledged.keySet()) {
                ApiClient.Response read = api.get("/api/v1/cases/" + id);
                assertEquals(200, read.status(), "acknowledged case " + id + " is readable");
                String status = read.body().get("status").asText();
                int version = read.body().get("workflowVersion").asInt();
                if (version == 1) {
                    assertEquals("closed", status, "no open case stays on version 1: the migration moved them all");
                    continue;
                }
                if (!status.equals("closed")) {
                    openCase = id;
                }
                JsonNode history = api.get("/api/v1/cases/" + id + "/history").body().get("items");
                for (JsonNode event : history) {
                    if (event.get("kind").asText().equals("MIGRATED")) {
                        migratedSeen++;
                        assertEquals("plugin:" + NAME, event.get("actor").asText());
                    }
                }
            }
            assertEquals(migrated, migratedSeen, "each migrated case's timeline records it");
            assertTrue(openCase != null, "some case is still open");

            // undeployed: the center goes, its cases stay readable, actions are refused with the reason
            succeeds(homeward, "plugin:undeploy", NAME);
            assertFalse(centers(api).contains(ChildFocusPlugin.CENTER));
            ApiClient.Response read = api.get("/api/v1/cases/" + openCase);
            assertEquals(200, read.status());
            ApiClient.Response action = api.post("/api/v1/cases/" + openCase + "/transitions", Map.of("action", "close"),
                    "If-Match", read.etag());
            assertEquals(409, action.status(), String.valueOf(action.body()));
            assertTrue(action.body().get("detail").asText().contains("read-only"), action.body().toString());
            assertEquals("-", deployed(homeward));
        }
    }

    private static String succeeds(HomewardInstance homeward, String... command) {
        HomewardInstance.Result result = homeward.client(command);
        assertEquals(0, result.status(), String.join(" ", command) + ": " + result.output());
        return result.output();
    }

    /** The deployed version of Child Focus per {@code plugin:list}, {@code -} when it is not deployed. */
    private static String deployed(HomewardInstance homeward) {
        String list = succeeds(homeward, "plugin:list");
        return list.lines().filter(l -> l.startsWith(NAME + " ")).map(l -> l.split("\\s+")[1]).findFirst().orElse("-");
    }

    private static String centers(ApiClient api) throws Exception {
        return api.get("/api/v1/centers").body().toString();
    }

    private static JsonNode center(ApiClient api) throws Exception {
        ApiClient.Response center = api.get("/api/v1/centers/" + ChildFocusPlugin.CENTER);
        assertEquals(200, center.status(), String.valueOf(center.body()));
        return center.body();
    }
}
