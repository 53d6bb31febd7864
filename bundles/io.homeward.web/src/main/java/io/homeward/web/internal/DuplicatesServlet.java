package io.homeward.web.internal;

import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.duplicate.CaseLink;
import io.homeward.casemodel.duplicate.DuplicateService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/duplicates}: possible duplicates, route by route as {@link ApiRoute} lists them — the candidates
 * for a child being typed at intake ({@code ?familyName=&givenName=&dateOfBirth=}) or for a case
 * ({@code ?caseId=}), the decisions about a case, a new decision (the same child, or not) and its undoing. The store
 * decides what the authenticated user may see and do; this servlet only reads parameters and translates.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/duplicates", "/api/v1/duplicates/*"})
public final class DuplicatesServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    /** Candidates returned when {@code limit} is not given. */
    static final int DEFAULT_LIMIT = 10;
    /** The parameters that describe a child being typed at intake. */
    private static final String[] NAMES = {"familyName", "givenName"};

    private final transient DuplicateService duplicates;

    @Activate
    public DuplicatesServlet(@Reference DuplicateService duplicates) {
        this.duplicates = duplicates;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiRoute.Match match = route(req);
        switch (match.route()) {
            case DUPLICATE_CANDIDATES -> {
                int limit = limit(req.getParameter("limit"));
                String caseId = req.getParameter("caseId");
                if (caseId != null) {
                    if (Stream.of("familyName", "givenName", "dateOfBirth").anyMatch(p -> req.getParameter(p) != null)) {
                        throw new ApiException(400, "give either 'caseId' (the candidates for a case) or"
                                + " 'familyName', 'givenName' and 'dateOfBirth' (for an intake), not both");
                    }
                    json(resp, 200, Map.of("items", duplicates.candidates(CasesServlet.uuid(caseId, "case"), limit)));
                } else {
                    json(resp, 200, Map.of("items", duplicates.candidates(name(req, "familyName"),
                            name(req, "givenName"), date(req.getParameter("dateOfBirth")), limit)));
                }
            }
            case LIST_CASE_LINKS -> {
                String caseId = req.getParameter("caseId");
                if (caseId == null) {
                    throw new ApiException(400, "parameter 'caseId' is required: the case whose decisions to list");
                }
                json(resp, 200, Map.of("items", duplicates.links(CasesServlet.uuid(caseId, "case"))));
            }
            case DECIDE_CASE_LINK -> {
                Decision decision = Json.read(req, Decision.class);
                if (decision.caseId() == null) {
                    throw new ApiException(400, "field 'caseId' is required: one of the two cases");
                }
                if (decision.otherCaseId() == null) {
                    throw new ApiException(400, "field 'otherCaseId' is required: the other case");
                }
                if (decision.sameChild() == null) {
                    throw new ApiException(400, "field 'sameChild' is required: true for the same child, false for"
                            + " not the same");
                }
                // a missing or blank reason is the store's to refuse (422 naming 'reason'), as for every decision
                CaseLink link = duplicates.decide(decision.caseId(), decision.otherCaseId(), decision.sameChild(),
                        decision.reason());
                json(resp, 201, link);
            }
            case UNDO_CASE_LINK -> {
                UUID id = CasesServlet.uuid(match.variable("linkId"), "decision");
                json(resp, 200, duplicates.undo(id, Json.read(req, Undo.class).reason()));
            }
            default -> throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
    }

    /**
     * The body of {@code POST /api/v1/duplicates/links}.
     *
     * @param caseId one case, required
     * @param otherCaseId the other case, required
     * @param sameChild true: the same child (the cases are linked); false: not the same; required
     * @param reason why, required (the store refuses a blank one)
     */
    record Decision(UUID caseId, UUID otherCaseId, Boolean sameChild, String reason) {
    }

    /** @param reason why the decision is undone, required (the store refuses a blank one) */
    record Undo(String reason) {
    }

    /**
     * @return the {@code limit} parameter, {@link #DEFAULT_LIMIT} when absent
     * @throws ApiException 400 when it is not a whole number from 1 to {@link DuplicateService#MAX_CANDIDATES}
     */
    static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= DuplicateService.MAX_CANDIDATES) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw new ApiException(400, "parameter 'limit' must be a whole number from 1 to "
                + DuplicateService.MAX_CANDIDATES + ", was '" + raw + "'");
    }

    /**
     * @return the {@code dateOfBirth} parameter, null when absent or empty (a form's empty date input)
     * @throws ApiException 400 when it is not an ISO date
     */
    static LocalDate date(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "parameter 'dateOfBirth' must be a date of the form yyyy-MM-dd, was '"
                    + raw + "'");
        }
    }

    /**
     * @return a name parameter as given (null when absent); the store searches the family and given names together
     * @throws ApiException 400 naming the parameter when it holds control characters or the two names together are
     *     longer than a search allows
     */
    private static String name(HttpServletRequest req, String parameter) {
        String value = req.getParameter(parameter);
        if (value == null) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(400, "parameter '" + parameter + "' must not contain control characters");
        }
        // the store joins the two names with a space into one search text
        int together = Stream.of(NAMES).map(req::getParameter).filter(n -> n != null && !n.isBlank())
                .mapToInt(n -> n.length() + 1).sum() - 1;
        if (value.length() > CaseQuery.MAX_TEXT || together > CaseQuery.MAX_TEXT) {
            throw new ApiException(400, "parameter '" + parameter + "' is too long: 'familyName' and 'givenName'"
                    + " together may have at most " + CaseQuery.MAX_TEXT + " characters");
        }
        return value;
    }
}
