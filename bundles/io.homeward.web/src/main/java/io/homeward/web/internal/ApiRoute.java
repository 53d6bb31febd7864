package io.homeward.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of the REST API under {@code /api/v1}, in one place: the servlets dispatch by these routes, and the
 * OpenAPI description ({@code openapi.json}, served at {@link #OPENAPI}) names the same method and path template
 * for each — a test holds them together. Templates use OpenAPI's {@code {name}} for a path segment.
 *
 * <p>A path is matched against the templates in declaration order, so that a fixed segment such as
 * {@code /cases/statistics} is declared before the {@code /cases/{id}} it would otherwise be taken for.
 */
enum ApiRoute {
    // served by SessionServlet, which dispatches on its own; listed here so that the description covers them
    LOGIN("POST", "/api/v1/session"),
    READ_SESSION("GET", "/api/v1/session"),
    LOGOUT("DELETE", "/api/v1/session"),
    SET_LANGUAGE("PUT", "/api/v1/session/language"),
    CHANGE_PASSWORD("PUT", "/api/v1/session/password"),

    LIST_CENTERS("GET", "/api/v1/centers"),
    READ_CENTER("GET", "/api/v1/centers/{centerId}"),

    SEARCH_CASES("GET", "/api/v1/cases"),
    OPEN_CASE("POST", "/api/v1/cases"),
    CASE_STATISTICS("GET", "/api/v1/cases/statistics"),
    READ_CASE("GET", "/api/v1/cases/{id}"),
    UPDATE_FIELDS("PATCH", "/api/v1/cases/{id}"),
    ASSIGN("PUT", "/api/v1/cases/{id}/assignee"),
    PERFORM_ACTION("POST", "/api/v1/cases/{id}/transitions"),
    HISTORY("GET", "/api/v1/cases/{id}/history"),
    AUDIT("GET", "/api/v1/cases/{id}/audit"),
    LIST_PERSONS("GET", "/api/v1/cases/{id}/persons"),
    ADD_PERSON("POST", "/api/v1/cases/{id}/persons"),
    LIST_NOTES("GET", "/api/v1/cases/{id}/notes"),
    ADD_NOTE("POST", "/api/v1/cases/{id}/notes"),
    LIST_ATTACHMENTS("GET", "/api/v1/cases/{id}/attachments"),
    ADD_ATTACHMENT("POST", "/api/v1/cases/{id}/attachments"),
    DOWNLOAD_ATTACHMENT("GET", "/api/v1/cases/{id}/attachments/{attachmentId}"),

    OPENAPI("GET", "/api/v1/openapi.json"),
    // served by HealthServlet, beside the public /health/live and /health/ready
    HEALTH("GET", "/api/v1/health"),

    // served by ExchangeServlet: cases sent to and received from partner deployments (docs/exchange.md)
    SEND_TO_PARTNER("POST", "/api/v1/exchange/outbox"),
    LIST_OUTBOX("GET", "/api/v1/exchange/outbox"),
    LIST_INBOX("GET", "/api/v1/exchange/inbox"),
    RECEIVE_PACKAGE("POST", "/api/v1/exchange/packages"),

    // police referral packs and transfers between centers: ReferralsServlet
    REFERRAL_PACK("GET", "/api/v1/referral-packs/{caseId}"),
    LIST_REFERRALS("GET", "/api/v1/referrals"),
    SEND_REFERRAL("POST", "/api/v1/referrals"),
    READ_REFERRAL("GET", "/api/v1/referrals/{referralId}"),
    REFERRAL_PDF("GET", "/api/v1/referrals/{referralId}/pdf"),
    ADVANCE_REFERRAL("POST", "/api/v1/referrals/{referralId}/status"),
    LIST_TRANSFERS("GET", "/api/v1/transfers"),
    REQUEST_TRANSFER("POST", "/api/v1/transfers"),
    READ_TRANSFER("GET", "/api/v1/transfers/{transferId}"),
    DECIDE_TRANSFER("POST", "/api/v1/transfers/{transferId}/decision"),

    // possible duplicates and the decisions about them: DuplicatesServlet
    DUPLICATE_CANDIDATES("GET", "/api/v1/duplicates/candidates"),
    LIST_CASE_LINKS("GET", "/api/v1/duplicates/links"),
    DECIDE_CASE_LINK("POST", "/api/v1/duplicates/links"),
    UNDO_CASE_LINK("POST", "/api/v1/duplicates/links/{linkId}/undo"),

    // served by AlertsServlet; the fixed segments before /alerts/{alertId}
    REQUEST_ALERT("POST", "/api/v1/alerts"),
    LIST_ALERTS("GET", "/api/v1/alerts"),
    EVALUATE_ALERT("GET", "/api/v1/alerts/evaluation"),
    ALERT_FEED("GET", "/api/v1/alerts/feed"),
    ALERT_CHANNELS("GET", "/api/v1/alerts/channels"),
    READ_CAP_MESSAGE("GET", "/api/v1/alerts/messages/{messageId}"),
    READ_ALERT("GET", "/api/v1/alerts/{alertId}"),
    DECIDE_ALERT("POST", "/api/v1/alerts/{alertId}/decision"),
    ISSUE_ALERT("POST", "/api/v1/alerts/{alertId}/issue"),
    UPDATE_ALERT("POST", "/api/v1/alerts/{alertId}/updates"),
    CANCEL_ALERT("POST", "/api/v1/alerts/{alertId}/cancellation"),
    ALERT_DELIVERIES("GET", "/api/v1/alerts/{alertId}/deliveries");

    /** A route that matched a request, with the values of its template's {@code {name}} segments. */
    record Match(ApiRoute route, Map<String, String> variables) {
        /** @return the value of a template variable, never null for a variable of the route's template */
        String variable(String name) {
            return variables.get(name);
        }
    }

    private final String method;
    private final String template;
    private final String[] segments;

    ApiRoute(String method, String template) {
        this.method = method;
        this.template = template;
        this.segments = template.substring(1).split("/");
    }

    /** @return the HTTP method, upper case */
    String method() {
        return method;
    }

    /** @return the path template, e.g. {@code /api/v1/cases/{id}} */
    String template() {
        return template;
    }

    /**
     * @param path the request path below the context, decoded, e.g. {@code /api/v1/cases/42}
     * @return the route for the method and path
     * @throws ApiException 404 when no route has the path, 405 (with the allowed methods) when none has the method
     */
    static Match match(String method, String path) {
        String[] parts = path.length() > 1 && path.endsWith("/") ? path.substring(1, path.length() - 1).split("/", -1)
                : path.substring(1).split("/", -1);
        String resource = null;
        List<String> allowed = new ArrayList<>();
        for (ApiRoute route : values()) {
            if (resource != null && !route.template.equals(resource)) {
                continue;
            }
            Map<String, String> variables = route.bind(parts);
            if (variables == null) {
                continue;
            }
            resource = route.template;
            if (route.method.equals(method)) {
                return new Match(route, variables);
            }
            allowed.add(route.method);
        }
        if (resource == null) {
            throw new ApiException(404, "no such resource: " + path + "; the API is described at "
                    + OPENAPI.template);
        }
        throw new ApiException(405, method + " is not allowed on " + path + "; allowed: "
                + String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed));
    }

    /** @return the template variables when the path's segments fit this template, else null */
    private Map<String, String> bind(String[] parts) {
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (segments[i].startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                variables.put(segments[i].substring(1, segments[i].length() - 1), parts[i]);
            } else if (!segments[i].equals(parts[i])) {
                return null;
            }
        }
        return variables;
    }
}
