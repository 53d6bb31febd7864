package io.homeward.itests;

import static io.homeward.itests.ChildMaven.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrator's path, end to end (issue 3, "template test"): a South African center plugin is generated from
 * the plugin template (the Maven archetype in {@code sdk/}) in a temporary folder, outside this repository, and
 * built there by its own standalone pom against the API artifact this reactor built; the jar is then dropped
 * into the {@code deploy/} folder of a running platform, and a case is opened and worked under the new
 * center's workflow over HTTP. The template's example hook (a DS component) is checked live as well.
 */
class PluginTemplateIT {

    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(3);
    private static final String CENTER = "missing-children-sa";

    @TempDir
    Path folder;

    @Test
    void aCountryPluginGeneratedFromTheTemplateBuildsStandaloneDeploysLiveAndOpensCases() throws Exception {
        String version = property("homeward.version");
        Path sources = Path.of(property("homeward.sources"));
        ChildMaven maven = new ChildMaven(folder.resolve("maven"));
        // what a Homeward release publishes for integrators: the API bundle (with its pom and parent) and the template
        maven.put(sources.resolve("pom.xml"), "io.homeward", "homeward-parent", version, "pom");
        maven.put(sources.resolve("bundles/io.homeward.casemodel/pom.xml"), "io.homeward", "io.homeward.casemodel", version, "pom");
        maven.put(Path.of(property("homeward.casemodel")), "io.homeward", "io.homeward.casemodel", version, "jar");
        maven.put(sources.resolve("sdk/homeward-center-plugin-archetype/pom.xml"), "io.homeward",
                "homeward-center-plugin-archetype", version, "pom");
        maven.put(Path.of(property("homeward.archetype")), "io.homeward", "homeward-center-plugin-archetype", version, "jar");

        Path work = Files.createDirectories(folder.resolve("work"));
        maven.succeed(work, MAVEN_TIMEOUT,
                "org.apache.maven.plugins:maven-archetype-plugin:" + property("homeward.archetype.plugin.version") + ":generate",
                "-DarchetypeGroupId=io.homeward", "-DarchetypeArtifactId=homeward-center-plugin-archetype",
                "-DarchetypeVersion=" + version, "-DarchetypeCatalog=local",
                "-DgroupId=za.org.missingchildren", "-DartifactId=za.org.missingchildren.center", "-Dversion=1.0.0",
                "-Dpackage=za.org.missingchildren.center",
                "-DcenterId=" + CENTER, "-DcenterName=Missing Children South Africa", "-DcountryCode=ZA", "-Dlanguage=en",
                "-DtimeZone=Africa/Johannesburg");
        Path project = work.resolve("za.org.missingchildren.center");
        String pom = Files.readString(project.resolve("pom.xml"));
        assertFalse(pom.contains("<parent>"), "the generated project must stand alone:\n" + pom);
        assertFalse(Pattern.compile("@[\\w.-]+@").matcher(pom).find(), "a build-time placeholder was left in the generated pom:\n" + pom);

        ChildMaven.Result build = maven.succeed(project, MAVEN_TIMEOUT, "verify");
        Matcher tests = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*$", Pattern.MULTILINE)
                .matcher(build.output());
        assertTrue(tests.find() && Integer.parseInt(tests.group(1)) > 0,
                "the generated project's tests (schema check, example hook) must run and pass:\n" + build.tail());
        Path plugin = project.resolve("target/za.org.missingchildren.center-1.0.0.jar");
        assertTrue(Files.isRegularFile(plugin), "no plugin bundle at " + plugin);

        HomewardInstance homeward = HomewardInstance.layOut(folder.resolve("platform"));
        try (homeward) {
            homeward.start();
            ApiClient api = ApiClient.forCenter(homeward, CENTER);
            assertEquals(404, api.get("/api/v1/centers/" + CENTER).status(), "no such center before the plugin is deployed");

            homeward.deploy(plugin);
            HomewardInstance.awaitCondition("center " + CENTER + " to be declared", Duration.ofSeconds(60),
                    () -> status(api, "/api/v1/centers/" + CENTER) == 200);

            // a 15-year-old runaway, opened under the new center's workflow with its case-number scheme
            ApiClient.Response opened = api.post("/api/v1/cases", intake(LocalDate.now(ZoneOffset.UTC).minusYears(15)));
            assertEquals(201, opened.status(), String.valueOf(opened.body()));
            String number = opened.body().get("number").asText();
            // the year is the center's (Johannesburg), which is also UTC's except around New Year
            assertTrue(number.matches("ZA-(" + Year.now(ZoneId.of("Africa/Johannesburg")) + "|" + Year.now(ZoneOffset.UTC)
                    + ")-\\d{5}"), number);
            assertEquals("reported", opened.body().get("status").asText());
            assertEquals("disappearance", opened.body().get("workflowId").asText());
            assertTrue(opened.body().path("slas").toString().contains("police-informed"),
                    "the template's SLA runs from intake: " + opened.body());
            String cases = "/api/v1/cases/" + opened.body().get("id").asText();

            // the declared workflow applies: investigation needs the police reference
            ApiClient.Response refused = api.post(cases + "/transitions", Map.of("action", "confirm-police-report"),
                    "If-Match", opened.etag());
            assertEquals(422, refused.status(), String.valueOf(refused.body()));
            assertTrue(refused.body().toString().contains("police-reference"), refused.body().toString());
            ApiClient.Response investigation = api.post(cases + "/transitions", Map.of("action", "confirm-police-report",
                    "fields", Map.of("police-reference", "CAS 123/06/2026")), "If-Match", opened.etag());
            assertEquals(200, investigation.status(), String.valueOf(investigation.body()));
            assertEquals("investigation", investigation.body().get("status").asText());

            // the template's example hook runs in the platform for this center: adults are referred elsewhere
            ApiClient.Response adult = api.post("/api/v1/cases", intake(LocalDate.now(ZoneOffset.UTC).minusYears(30)));
            assertEquals(422, adult.status(), String.valueOf(adult.body()));
            assertTrue(adult.body().toString().contains("opens cases for children under 18"), adult.body().toString());
        }
    }

    private static Map<String, Object> intake(LocalDate dateOfBirth) {
        return Map.of("centerId", CENTER, "category", "runaway", "riskLevel", "HIGH",
                "riskReason", "left home after a fight, no phone, not seen at school",
                "fields", Map.of("last-seen-place", "Soweto, near the taxi rank"),
                "persons", List.of(Map.of("role", "CHILD", "familyName", "Dlamini", "givenName", "Thandi",
                        "sex", "FEMALE", "dateOfBirth", dateOfBirth.toString())));
    }

    private static int status(ApiClient api, String path) {
        try {
            return api.get(path).status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
