package io.homeward.web.internal;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AuditTrail;
import io.homeward.casemodel.security.SubjectContext;
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
 * {@code /api/v1/cases}: intake (POST), search (GET), counts over a search ({@code /statistics}, GET), and per
 * case {@code /{id}} (GET, with an ETag),
 * {@code /{id}/transitions} (POST a workflow action, If-Match required), {@code /{id}/history} (GET, the case's
 * timeline) and {@code /{id}/audit} (GET, who read and changed the case: supervisors). The store decides what the
 * authenticated user may see and do; this servlet only translates.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/cases", "/api/v1/cases/*"})
public final class CasesServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient CaseService cases;
    private final transient CenterRegistry centers;
    private final transient AuditTrail audit;

    @Activate
    public CasesServlet(@Reference CaseService cases, @Reference CenterRegistry centers, @Reference AuditTrail audit) {
        this.cases = cases;
        this.centers = centers;
        this.audit = audit;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] path = path(req);
        if (path.length == 0) {
            NewCase intake = Json.read(req, NewCase.class);
            Case opened;
            try {
                opened = cases.open(intake, actor());
            } catch (InvalidCaseException e) {
                throw Localizer.localize(e, centers.center(intake.centerId()).orElse(null), req);
            }
            resp.setHeader("Location", "/api/v1/cases/" + opened.id());
            resp.setHeader("ETag", etag(opened));
            json(resp, 201, opened);
        } else if (path.length == 2 && path[1].equals("transitions")) {
            UUID id = id(path[0]);
            long expected = ifMatch(req);
            Transition t = Json.read(req, Transition.class);
            if (t.action() == null || t.action().isBlank()) {
                throw new ApiException(400, "field 'action' is required");
            }
            Case after;
            try {
                after = cases.perform(id, t.action(), expected, t.fields() == null ? Map.of() : t.fields(), t.note(), actor());
            } catch (InvalidCaseException e) {
                Center center = cases.find(id).flatMap(c -> centers.center(c.centerId())).orElse(null);
                throw Localizer.localize(e, center, req);
            }
            resp.setHeader("ETag", etag(after));
            json(resp, 200, after);
        } else {
            throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] path = path(req);
        if (path.length == 0) {
            CasePage page = cases.search(query(req));
            json(resp, 200, Map.of("items", page.cases(), "total", page.total()));
        } else if (path.length == 1 && path[0].equals("statistics")) {
            json(resp, 200, cases.statistics(query(req)));
        } else if (path.length == 1) {
            UUID id = id(path[0]);
            Case found = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
            resp.setHeader("ETag", etag(found));
            json(resp, 200, found);
        } else if (path.length == 2 && path[1].equals("history")) {
            json(resp, 200, Map.of("items", cases.timeline(id(path[0]))));
        } else if (path.length == 2 && path[1].equals("audit")) {
            json(resp, 200, Map.of("items", audit.entries(id(path[0]))));
        } else {
            throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
    }

    /** @return who the request runs as: the store attributes changes to the authenticated user anyway */
    static String actor() {
        return SubjectContext.require().username();
    }

    /**
     * The body of a workflow action.
     *
     * @param action the action id, required
     * @param fields custom field values to set with it, optional
     * @param note free text for the timeline, optional
     */
    record Transition(String action, Map<String, String> fields, String note) {
    }

    private static String[] path(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null || info.equals("/") ? new String[0] : info.substring(1).split("/");
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "no case " + raw);
        }
    }

    static String etag(Case c) {
        return "\"" + c.version() + "\"";
    }

    private static long ifMatch(HttpServletRequest req) {
        String header = req.getHeader("If-Match");
        if (header == null) {
            throw new ApiException(428, "send If-Match with the ETag of the case as you read it, so that no one else's change is overwritten");
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "If-Match must be the ETag of the case, e.g. \"3\"");
        }
    }

    /**
     * Search criteria from the query string: {@code center}, {@code country}, {@code status}, {@code type},
     * {@code overdue} (true/false), {@code q} (case number or name), {@code offset}, {@code limit}.
     */
    private static CaseQuery query(HttpServletRequest req) {
        CaseType type = null;
        String rawType = req.getParameter("type");
        if (rawType != null) {
            try {
                type = CaseType.valueOf(rawType);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "parameter 'type': '" + rawType + "' is not a case type");
            }
        }
        String overdue = req.getParameter("overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            throw new ApiException(400, "parameter 'overdue' must be true or false, was '" + overdue + "'");
        }
        try {
            return CaseQuery.all().withCenter(req.getParameter("center")).withCountry(req.getParameter("country"))
                    .withStatus(req.getParameter("status")).withType(type)
                    .withOverdue(overdue == null ? null : Boolean.valueOf(overdue)).withText(req.getParameter("q"))
                    .withPage(intParam(req, "offset", 0), intParam(req, "limit", 50));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private static int intParam(HttpServletRequest req, String name, int fallback) {
        String raw = req.getParameter(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "parameter '" + name + "' must be a whole number, was '" + raw + "'");
        }
    }
}
