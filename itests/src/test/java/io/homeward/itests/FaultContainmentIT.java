package io.homeward.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeward.itests.synthetic.FaultyGuardActivator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault containment on the real distribution, over HTTP: a synthetic center plugin (center {@value
 * FaultyGuardActivator#CENTER}) whose intake guard throws for one intake and never returns for another, beside
 * Child Focus. Each fault fails only its own intake, within the platform's time limit (2 s by default), with a
 * 503 naming center, plugin and hook and nothing stored; Child Focus goes on serving meanwhile; {@code /health}
 * stays 200 and lists the faults; {@code bundle:diag} shows them.
 */
class FaultContainmentIT {

    private static final String PLUGIN = "io.example.faulty";
    private static final String CENTER = FaultyGuardActivator.CENTER;
    /** Quoted by the plugin's exception message; must reach neither the caller nor the log. */
    private static final String SECRET = "seen near the Zwartberg quarry";

    private static final String DECLARATION = """
            <?xml version="1.0" encoding="UTF-8"?>
            <centers xmlns="urn:homeward:center:1.0">
              <center id="%s" name="Faulty test center" country="ZA">
                <language code="en"/>
                <case-number pattern="FT-{yyyy}-{seq:4}"/>
                <field id="%s" type="text" max-length="20"><label lang="en">Guard scenario</label></field>
                <category id="runaway" case-type="RUNAWAY" workflow="missing"><label lang="en">Runaways</label></category>
                <workflow id="missing" version="1">
                  <state id="open" initial="true"><label lang="en">Open</label></state>
                  <state id="closed" terminal="true"><label lang="en">Closed</label></state>
                  <action id="close" from="open" to="closed"><label lang="en">Close</label></action>
                </workflow>
              </center>
            </centers>
            """.formatted(CENTER, FaultyGuardActivator.FIELD).strip();

    @TempDir
    Path folder;

    @Test
    void aHookThatThrowsOrHangsFailsOnlyItsOwnIntakeWhileOtherCentersGoOn() throws Exception {
        HomewardInstance homeward = HomewardInstance.layOut(folder);
        homeward.deploy(SyntheticBundle.named(PLUGIN, "1.0.0")
                .header("Homeward-Center", "OSGI-INF/homeward/center.xml")
                .header("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=homeward.center)(version>=1.0)(!(version>=2.0)))\"")
                // the guard API; the activator adds org.osgi.framework
                .header("Import-Package", "io.homeward.casemodel;version=\"[1.0,2)\",io.homeward.casemodel.spi;version=\"[1.0,2)\"")
                .activator(FaultyGuardActivator.class)
                .resource("OSGI-INF/homeward/center.xml", DECLARATION)
                .writeTo(folder.resolve("plugins/" + PLUGIN + "-1.0.0.jar")));
        ExecutorService clients = Executors.newCachedThreadPool();
        try (homeward) {
            homeward.start("--features", "child-focus");
            ApiClient api = ApiClient.forCenter(homeward, CENTER);
            ApiClient childFocus = ApiClient.forCenter(homeward, "child-focus");
            HomewardInstance.awaitCondition("the faulty plugin to be active", Duration.ofMinutes(1),
                    () -> homeward.bundleList().matches("(?s).*ACTIVE\\s+\\d+\\s+" + PLUGIN + " .*"));

            // the guard accepts an ordinary intake: the plugin works until it meets its bad inputs
            assertEquals(201, intake(api, CENTER, "none").status());
            long stored = total(api, CENTER);

            // a hook that throws: 503 naming center, plugin and hook; nothing stored; no case data, no stack trace
            ApiClient.Response threw = intake(api, CENTER, FaultyGuardActivator.THROW);
            assertEquals(503, threw.status(), String.valueOf(threw.body()));
            assertEquals("Center 'faulty' cannot serve this request: its plugin io.example.faulty 1.0.0 failed in "
                    + "CaseGuard.checkIntake (IllegalStateException). The fault is recorded for the platform operator.",
                    threw.body().get("detail").asText());
            assertFalse(threw.body().toString().contains(SECRET), threw.body().toString());
            assertFalse(threw.body().toString().contains("\\tat "), "no stack trace for the caller");
            assertEquals(stored, total(api, CENTER), "nothing stored");

            // a hook that never returns, while Child Focus takes intakes and reads on three other clients
            Future<Timed> hung = clients.submit(() -> Timed.of(() -> intake(api, CENTER, FaultyGuardActivator.HANG)));
            List<Future<Traffic>> traffic = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                traffic.add(clients.submit(() -> Traffic.whileRunning(childFocus, hung)));
            }
            Timed hang = hung.get(30, TimeUnit.SECONDS);
            System.out.printf("hanging CaseGuard.checkIntake: the intake failed after %d ms (time limit 2000 ms)%n", hang.millis);
            assertEquals(503, hang.response.status(), String.valueOf(hang.response.body()));
            assertTrue(hang.response.body().get("detail").asText().contains(
                    "its plugin io.example.faulty 1.0.0 did not answer CaseGuard.checkIntake within 2000 ms"),
                    hang.response.body().toString());
            assertTrue(hang.millis < 10_000, "the intake failed only after " + hang.millis + " ms");
            assertEquals(stored, total(api, CENTER), "nothing stored");
            Traffic served = Traffic.sum(traffic);
            System.out.printf("Child Focus while the hook hung: %d intakes and %d reads, %d failed, slowest %d ms%n",
                    served.intakes, served.reads, served.failures.size(), served.slowestMillis);
            assertEquals(List.of(), served.failures, "Child Focus requests that failed while the hook hung");
            assertTrue(served.intakes >= 3 && served.reads >= 3, "Child Focus served " + served.intakes + " intakes and "
                    + served.reads + " reads");

            // the stuck call keeps one of the plugin's slots; its other calls still run
            assertEquals(201, intake(api, CENTER, "none").status());
            assertEquals(stored + 1, total(api, CENTER));

            // the node stays healthy and says what went wrong
            ApiClient.Response health = api.get("/api/v1/health");
            assertEquals(200, health.status(), String.valueOf(health.body()));
            assertEquals("UP", health.body().get("status").asText());
            JsonNode plugins = health.body().get("checks").get("plugins");
            assertEquals("UP", plugins.get("status").asText());
            assertEquals("io.example.faulty 1.0.0: 2 faults in the last 10 min, last: CaseGuard.checkIntake for center "
                    + "faulty timed out after 2000 ms", plugins.get("detail").asText());

            HomewardInstance.Result diag = homeward.client("bundle:diag", PLUGIN);
            System.out.println("bundle:diag " + PLUGIN + ":\n" + diag.output());
            assertEquals(0, diag.status(), diag.output());
            assertTrue(diag.output().contains("diagnostic: 2 faults in the last 10 min, 2 since the platform started"), diag.output());
            assertTrue(diag.output().matches("(?s).*diagnostic: fault at \\S+Z: CaseGuard.checkIntake for center faulty "
                    + "threw java.lang.IllegalStateException\n.*"), diag.output());
            assertTrue(diag.output().matches("(?s).*diagnostic: fault at \\S+Z: CaseGuard.checkIntake for center faulty "
                    + "timed out after 2000 ms\n.*"), diag.output());
            assertTrue(diag.output().contains("diagnostic: 1 call into it running now, at most 8 at a time"), diag.output());
            // the log tells the plugin's developer where it failed and hung, but not what the exception said
            String log = homeward.log();
            System.out.println("log lines naming the plugin:");
            log.lines().filter(l -> l.contains(PLUGIN)).forEach(System.out::println);
            assertFalse(log.contains(SECRET), "the plugin's exception message must not reach the log");
            assertTrue(log.contains("Plugin io.example.faulty 1.0.0: CaseGuard.checkIntake for center faulty timed out after 2000 ms"), log);
            String frames = "(?s).*PluginCallsImpl\\$HookStack: %s\n(\\s+at [^\n]+\n)*?\\s+at "
                    + FaultyGuardActivator.class.getName().replace(".", "\\.") + "\\.checkIntake\\(.*";
            assertTrue(log.matches(frames.formatted("java\\.lang\\.IllegalStateException \\(message withheld\\)")), log);
            assertTrue(log.matches(frames.formatted("where the hook was when it timed out")), log);
        } finally {
            clients.shutdownNow();
        }
    }

    private static ApiClient.Response intake(ApiClient api, String center, String scenario) throws Exception {
        return api.post("/api/v1/cases", Map.of("centerId", center, "category", "runaway", "riskLevel", "HIGH",
                "riskReason", SECRET, "fields", center.equals(CENTER) ? Map.of(FaultyGuardActivator.FIELD, scenario) : Map.of(),
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Test", "givenName", "Child", "sex", "FEMALE",
                        "dateOfBirth", LocalDate.now().minusYears(15).toString()))));
    }

    private static long total(ApiClient api, String center) throws Exception {
        ApiClient.Response found = api.get("/api/v1/cases?center=" + center);
        assertEquals(200, found.status(), String.valueOf(found.body()));
        return found.body().get("total").asLong();
    }

    /** A response and how long it took. */
    private record Timed(ApiClient.Response response, long millis) {
        static Timed of(java.util.concurrent.Callable<ApiClient.Response> request) throws Exception {
            long start = System.nanoTime();
            ApiClient.Response response = request.call();
            return new Timed(response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** Child Focus intakes, each read back, until another request is done. */
    private record Traffic(int intakes, int reads, List<String> failures, long slowestMillis) {

        static Traffic whileRunning(ApiClient api, Future<?> other) throws Exception {
            int intakes = 0;
            int reads = 0;
            long slowest = 0;
            List<String> failures = new ArrayList<>();
            while (!other.isDone()) {
                Timed created = Timed.of(() -> intake(api, "child-focus", null));
                intakes++;
                slowest = Math.max(slowest, created.millis);
                if (created.response.status() != 201) {
                    failures.add("intake " + created.response.status() + " " + created.response.body());
                    continue;
                }
                Timed read = Timed.of(() -> api.get("/api/v1/cases/" + created.response.body().get("id").asText()));
                reads++;
                slowest = Math.max(slowest, read.millis);
                if (read.response.status() != 200) {
                    failures.add("read " + read.response.status() + " " + read.response.body());
                }
            }
            return new Traffic(intakes, reads, failures, slowest);
        }

        static Traffic sum(List<Future<Traffic>> parts) throws Exception {
            Traffic sum = new Traffic(0, 0, new ArrayList<>(), 0);
            for (Future<Traffic> part : parts) {
                Traffic t = part.get(30, TimeUnit.SECONDS);
                sum.failures.addAll(t.failures);
                sum = new Traffic(sum.intakes + t.intakes, sum.reads + t.reads, sum.failures,
                        Math.max(sum.slowestMillis, t.slowestMillis));
            }
            return sum;
        }
    }
}
