package io.homeward.web.internal;

import io.homeward.casemodel.alert.Alert;
import io.homeward.casemodel.alert.AlertDecision;
import io.homeward.casemodel.alert.AlertNotFoundException;
import io.homeward.casemodel.alert.AlertService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/alerts}: child abduction alerts, route by route as {@link ApiRoute} lists them — request (with the
 * evaluation of the plan), decision, issue, update and cancel; the alerts of a case and the active ones; each CAP
 * message by id, the Atom feed of active alerts, the deliveries of an alert and the distribution channels. The store
 * decides who may do what (four eyes included); this servlet only translates.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/alerts", "/api/v1/alerts/*"})
public final class AlertsServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    /** The media type of a CAP message. */
    static final String CAP_TYPE = "application/cap+xml";

    private final transient AlertService alerts;

    @Activate
    public AlertsServlet(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiRoute.Match match = route(req);
        try {
            switch (match.route()) {
                case REQUEST_ALERT -> {
                    AlertRequest request = Json.read(req, AlertRequest.class);
                    if (request.caseId() == null) {
                        throw new ApiException(400, "field 'caseId' is required: the case to request an alert for");
                    }
                    Alert requested = alerts.request(request.caseId(), request.reason());
                    resp.setHeader("Location", "/api/v1/alerts/" + requested.id());
                    json(resp, 201, requested);
                }
                case LIST_ALERTS -> {
                    String caseId = req.getParameter("caseId");
                    json(resp, 200, Map.of("items", caseId == null ? alerts.active()
                            : alerts.alertsOf(CasesServlet.uuid(caseId, "case"))));
                }
                case EVALUATE_ALERT -> {
                    String caseId = req.getParameter("caseId");
                    if (caseId == null) {
                        throw new ApiException(400, "query parameter 'caseId' is required: the case to evaluate");
                    }
                    json(resp, 200, alerts.evaluate(CasesServlet.uuid(caseId, "case")));
                }
                case ALERT_FEED -> {
                    resp.setStatus(200);
                    resp.setContentType("application/atom+xml");
                    resp.setCharacterEncoding("UTF-8");
                    resp.setHeader("X-Content-Type-Options", "nosniff");
                    AlertFeed.write(alerts, req.getRequestURL().toString(), resp.getOutputStream());
                }
                case ALERT_CHANNELS -> json(resp, 200, Map.of("items", alerts.channels()));
                case READ_CAP_MESSAGE -> {
                    byte[] cap = alerts.cap(CasesServlet.uuid(match.variable("messageId"), "CAP message"));
                    resp.setStatus(200);
                    resp.setContentType(CAP_TYPE);
                    resp.setHeader("X-Content-Type-Options", "nosniff");
                    resp.setContentLength(cap.length);
                    resp.getOutputStream().write(cap);
                }
                case READ_ALERT -> {
                    UUID id = alertId(match);
                    json(resp, 200, alerts.find(id).orElseThrow(() -> new AlertNotFoundException("alert", id)));
                }
                case DECIDE_ALERT -> {
                    UUID id = alertId(match);
                    Decision decision = Json.read(req, Decision.class);
                    if (decision.approve() == null) {
                        throw new ApiException(400, "field 'approve' is required: true to approve, false to refuse");
                    }
                    json(resp, 200, alerts.decide(id, new AlertDecision(decision.approve(), decision.reasons(),
                            decision.urgency(), decision.severity(), decision.certainty())));
                }
                case ISSUE_ALERT -> {
                    UUID id = alertId(match);
                    // the body is optional: without one (or without photoId) the alert has no photo
                    Issue issue = req.getContentLengthLong() > 0 ? Json.read(req, Issue.class) : new Issue(null);
                    json(resp, 200, alerts.issue(id, issue.photoId()));
                }
                case UPDATE_ALERT -> {
                    UUID id = alertId(match);
                    json(resp, 200, alerts.update(id, Json.read(req, AlertUpdate.class).note()));
                }
                case CANCEL_ALERT -> {
                    UUID id = alertId(match);
                    json(resp, 200, alerts.cancel(id, Json.read(req, Cancellation.class).reason()));
                }
                case ALERT_DELIVERIES -> json(resp, 200, Map.of("items", alerts.deliveries(alertId(match))));
                default -> throw new ApiException(404, "no such resource: " + req.getRequestURI());
            }
        } catch (AlertNotFoundException e) {
            // the case model's not-found of alerts; the base class knows only cases
            throw new ApiException(404, e.getMessage());
        }
    }

    private static UUID alertId(ApiRoute.Match match) {
        return CasesServlet.uuid(match.variable("alertId"), "alert");
    }

    /**
     * @param caseId the case, required
     * @param reason why an alert is requested, required
     */
    record AlertRequest(UUID caseId, String reason) {
    }

    /**
     * @param approve true to approve, false to refuse; required
     * @param reasons required
     * @param urgency required to approve
     * @param severity required to approve
     * @param certainty required to approve
     */
    record Decision(Boolean approve, String reasons, AlertDecision.Urgency urgency, AlertDecision.Severity severity,
            AlertDecision.Certainty certainty) {
    }

    /** @param photoId the image attachment of the case the public alert shows; null for none */
    record Issue(UUID photoId) {
    }

    /** @param note what changed, required */
    record AlertUpdate(String note) {
    }

    /** @param reason why the alert is cancelled, required */
    record Cancellation(String reason) {
    }
}
