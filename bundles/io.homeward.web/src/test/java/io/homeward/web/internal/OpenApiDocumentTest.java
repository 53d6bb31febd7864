package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.MatchReason;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OpenAPI description names exactly the routes the servlets serve, and the values the API takes. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyRouteIsDescribedAndEveryDescribedOperationIsARoute() throws IOException {
        JsonNode paths = document().get("paths");
        Set<String> described = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        Set<String> served = Arrays.stream(ApiRoute.values()).map(r -> r.method() + " " + r.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(served, described);
    }

    @Test
    void everyPathParameterOfARouteIsDeclared() throws IOException {
        JsonNode document = document();
        for (ApiRoute route : ApiRoute.values()) {
            JsonNode operation = document.get("paths").get(route.template()).get(route.method().toLowerCase(Locale.ROOT));
            List<String> declared = new ArrayList<>();
            operation.path("parameters").forEach(p -> {
                JsonNode parameter = p.has("$ref") ? document.at(p.get("$ref").asText().substring(1)) : p;
                if (parameter.get("in").asText().equals("path")) {
                    declared.add(parameter.get("name").asText());
                }
            });
            List<String> inTemplate = Arrays.stream(route.template().split("/")).filter(s -> s.startsWith("{"))
                    .map(s -> s.substring(1, s.length() - 1)).toList();
            assertEquals(inTemplate, declared, route.toString());
            assertTrue(operation.has("operationId") && operation.has("responses"), route.toString());
        }
    }

    @Test
    void theSessionBodiesAreDescribedByTheNamesTheServerReads() throws IOException {
        JsonNode paths = document().get("paths");
        Map<String, Class<? extends Record>> bodies = Map.of("/api/v1/session", SessionServlet.Login.class,
                "/api/v1/session/language", SessionServlet.Language.class,
                "/api/v1/session/password", SessionServlet.PasswordChange.class);
        bodies.forEach((path, body) -> {
            JsonNode schema = paths.get(path).get(path.endsWith("session") ? "post" : "put").get("requestBody")
                    .get("content").get("application/json").get("schema");
            List<String> components = Arrays.stream(body.getRecordComponents()).map(c -> c.getName()).toList();
            assertEquals(new TreeSet<>(components), new TreeSet<>(strings(schema.get("required"))),
                    path + ": required");
            List<String> properties = new ArrayList<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            assertEquals(new TreeSet<>(components), new TreeSet<>(properties), path + ": properties");
        });
    }

    @Test
    void theEnumerationsAreThoseOfTheCaseModel() throws IOException {
        JsonNode schemas = document().get("components").get("schemas");
        assertEquals(names(CaseType.values()), strings(schemas.get("CaseType").get("enum")));
        assertEquals(names(RiskLevel.values()), strings(schemas.get("RiskLevel").get("enum")));
        assertEquals(names(MatchReason.values()), strings(schemas.get("MatchReason").get("enum")));
        JsonNode person = schemas.get("PersonDetails").get("properties");
        assertEquals(names(PersonRole.values()), strings(person.get("role").get("enum")));
        assertEquals(names(Sex.values()), strings(person.get("sex").get("enum")));
    }

    @Test
    void routesMatchFixedSegmentsFirstAndBindVariables() {
        assertEquals(ApiRoute.CASE_STATISTICS, ApiRoute.match("GET", "/api/v1/cases/statistics").route());
        ApiRoute.Match download = ApiRoute.match("GET", "/api/v1/cases/c1/attachments/a1");
        assertEquals(ApiRoute.DOWNLOAD_ATTACHMENT, download.route());
        assertEquals(Map.of("id", "c1", "attachmentId", "a1"), download.variables());
        assertEquals(ApiRoute.SEARCH_CASES, ApiRoute.match("GET", "/api/v1/cases/").route());
        assertEquals(ApiRoute.UPDATE_FIELDS, ApiRoute.match("PATCH", "/api/v1/cases/c1").route());
        assertEquals(ApiRoute.ALERT_FEED, ApiRoute.match("GET", "/api/v1/alerts/feed").route());
        assertEquals(ApiRoute.READ_ALERT, ApiRoute.match("GET", "/api/v1/alerts/a1").route());
    }

    @Test
    void unknownPathsAre404AndUnknownMethods405WithTheAllowedOnes() {
        assertEquals(404, assertThrows(ApiException.class, () -> ApiRoute.match("GET", "/api/v1/cases/c1/x")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> ApiRoute.match("GET", "/api/v1/cases//notes")).status());
        ApiException notAllowed = assertThrows(ApiException.class, () -> ApiRoute.match("DELETE", "/api/v1/cases/c1"));
        assertEquals(405, notAllowed.status());
        assertEquals("GET, PATCH", notAllowed.headers().get("Allow"));
        assertEquals("GET", assertThrows(ApiException.class,
                () -> ApiRoute.match("POST", "/api/v1/cases/statistics")).headers().get("Allow"));
    }

    @Test
    void downloadNamesCannotBreakTheHeader() {
        assertEquals("attachment; filename=\"a_b_.pdf\"; filename*=UTF-8''a%22b%0A.pdf",
                CasesServlet.contentDisposition("a\"b\n.pdf"));
        assertEquals("attachment; filename=\"_t_.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.txt",
                CasesServlet.contentDisposition("été.txt"));
    }

    private static JsonNode document() throws IOException {
        return Json.MAPPER.readTree(OpenApiServlet.load());
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> {
            if (!v.isNull()) {
                values.add(v.asText());
            }
        });
        return values;
    }
}
