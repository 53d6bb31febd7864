package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.MatchReason;
import io.homeward.casemodel.TimelineEvent;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameters of {@code /api/v1/duplicates} and its routes, and what the OpenAPI description says of them. */
class DuplicatesServletTest {

    @Test
    void theLimitIsAWholeNumberFromOneToTwentyAndTenWhenAbsent() {
        assertEquals(DuplicatesServlet.DEFAULT_LIMIT, DuplicatesServlet.limit(null));
        assertEquals(1, DuplicatesServlet.limit("1"));
        assertEquals(20, DuplicatesServlet.limit("20"));
        for (String bad : List.of("0", "21", "-1", "ten", "", "2.5")) {
            ApiException refused = assertThrows(ApiException.class, () -> DuplicatesServlet.limit(bad), bad);
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("'limit'"), refused.getMessage());
        }
    }

    @Test
    void theDateOfBirthIsAnIsoDateAndEmptyMeansNotKnown() {
        assertEquals(LocalDate.of(2012, 5, 4), DuplicatesServlet.date("2012-05-04"));
        assertNull(DuplicatesServlet.date(null));
        assertNull(DuplicatesServlet.date(""), "an empty date input of the intake form");
        for (String bad : List.of("04/05/2012", "2012-02-30", "yesterday")) {
            ApiException refused = assertThrows(ApiException.class, () -> DuplicatesServlet.date(bad), bad);
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("'dateOfBirth'"), refused.getMessage());
        }
    }

    @Test
    void theUndoOfADecisionIsRoutedWithItsId() {
        assertEquals(ApiRoute.DUPLICATE_CANDIDATES, ApiRoute.match("GET", "/api/v1/duplicates/candidates").route());
        assertEquals(ApiRoute.DECIDE_CASE_LINK, ApiRoute.match("POST", "/api/v1/duplicates/links").route());
        ApiRoute.Match undo = ApiRoute.match("POST", "/api/v1/duplicates/links/l1/undo");
        assertEquals(ApiRoute.UNDO_CASE_LINK, undo.route());
        assertEquals(Map.of("linkId", "l1"), undo.variables());
        assertEquals(405, assertThrows(ApiException.class,
                () -> ApiRoute.match("DELETE", "/api/v1/duplicates/links")).status());
        assertEquals(404, assertThrows(ApiException.class,
                () -> ApiRoute.match("GET", "/api/v1/duplicates")).status());
    }

    @Test
    void theDescriptionNamesEveryMatchReasonAndTheDecisionsTimelineKinds() throws IOException {
        var document = Json.MAPPER.readTree(OpenApiServlet.load());
        var schemas = document.get("components").get("schemas");
        List<String> reasons = new ArrayList<>();
        schemas.get("MatchReason").get("enum").forEach(v -> reasons.add(v.asText()));
        assertEquals(Arrays.stream(MatchReason.values()).map(Enum::name).toList(), reasons);
        List<String> kinds = new ArrayList<>();
        schemas.get("TimelineEvent").get("properties").get("kind").get("enum").forEach(v -> kinds.add(v.asText()));
        assertTrue(kinds.containsAll(List.of(TimelineEvent.SAME_CHILD, TimelineEvent.NOT_SAME_CHILD,
                TimelineEvent.DECISION_UNDONE)), kinds.toString());
    }
}
