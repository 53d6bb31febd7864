package io.homeward.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.RiskLevel;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The search criteria of {@code GET /api/v1/cases}: every value a criterion cannot take is a 400 naming its parameter,
 * and a query string that is no percent-encoded UTF-8 is a 400 too, before any parameter is read.
 */
class CaseSearchParametersTest {

    @Test
    void theNewCriteriaAreReadFromTheirParameters() {
        CaseQuery query = CasesServlet.query(request(Map.of("risk", "CRITICAL", "openedFrom", "2026-03-01",
                "openedTo", "2026-03-31", "bornFrom", "2012-01-01", "bornTo", "2012-12-31", "q", "Παπαδοπούλου")));
        assertEquals(RiskLevel.CRITICAL, query.riskLevel());
        assertEquals(LocalDate.of(2026, 3, 1), query.openedFrom());
        assertEquals(LocalDate.of(2026, 3, 31), query.openedTo());
        assertEquals(LocalDate.of(2012, 1, 1), query.bornFrom());
        assertEquals(LocalDate.of(2012, 12, 31), query.bornTo());
        assertEquals("Παπαδοπούλου", query.text());
    }

    @Test
    void emptyFiltersAreNoCriterion() {
        CaseQuery query = CasesServlet.query(request(Map.of("risk", "", "type", "", "openedFrom", "", "bornTo", "")));
        assertEquals(CaseQuery.all(), query);
    }

    @Test
    void aValueACriterionCannotTakeIs400NamingItsParameter() {
        assertBad(Map.of("risk", "URGENT"), "'risk'", "LOW, MEDIUM, HIGH, CRITICAL");
        assertBad(Map.of("openedFrom", "01/03/2026"), "'openedFrom'", "2026-03-01");
        assertBad(Map.of("openedTo", "2026-02-30"), "'openedTo'");
        assertBad(Map.of("bornFrom", "yesterday"), "'bornFrom'");
        assertBad(Map.of("bornTo", "2012-13-01"), "'bornTo'");
        assertBad(Map.of("openedFrom", "2026-03-02", "openedTo", "2026-03-01"), "openedFrom", "openedTo");
        assertBad(Map.of("bornFrom", "2013-01-01", "bornTo", "2012-01-01"), "bornFrom", "bornTo");
        assertBad(Map.of("q", ""), "'q'", "empty");
        assertBad(Map.of("q", " \t "), "'q'", "empty");
        assertBad(Map.of("q", "x".repeat(1000)), "'q'", "200");
        assertBad(Map.of("q", "Emma\u0000"), "'q'", "control");
        assertBad(Map.of("q", "Emma\u001b[31m"), "'q'", "control");
    }

    @Test
    void aQueryStringThatIsNoPercentEncodedUtf8IsTold() {
        for (String good : new String[] {null, "", "q=Maria", "q=%CE%9C%CE%B1%CF%81%CE%AF%CE%B1&risk=HIGH", "q=a+b",
            "q=%25%5F", "q=%F0%9F%98%80"}) {
            assertTrue(ApiServlet.wellEncoded(good), good);
        }
        for (String bad : new String[] {"q=%FF%FE", "q=%G1", "q=%", "q=a%2", "q=%C3%28", "q=%E2%82", "q=%C0%AF",
            "q=%ED%A0%80", "q=%E2%82&x=%AC"}) {
            assertFalse(ApiServlet.wellEncoded(bad), bad);
        }
    }

    private static void assertBad(Map<String, String> parameters, String... mentions) {
        ApiException refused = assertThrows(ApiException.class, () -> CasesServlet.query(request(parameters)));
        assertEquals(400, refused.status());
        for (String mention : mentions) {
            assertTrue(refused.getMessage().contains(mention), refused.getMessage() + " should mention " + mention);
        }
    }

    /** A request with these query parameters and no others. */
    private static HttpServletRequest request(Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(CaseSearchParametersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getParameter" -> parameters.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
