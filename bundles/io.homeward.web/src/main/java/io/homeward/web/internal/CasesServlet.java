package io.homeward.web.internal;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.AttachmentContent;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.Note;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.AuditTrail;
import io.homeward.casemodel.security.SubjectContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/cases} and everything below it, route by route as {@link ApiRoute} lists them and
 * {@code openapi.json} describes them: intake, search and statistics; per case reading (with an ETag), field
 * updates, assignment and workflow actions (each with If-Match), persons, notes, attachments, history and the
 * audit trail of the case (who read and changed it: supervisors). The store decides what the authenticated user
 * may see and do; this servlet only translates.
 *
 * <p>A change of the case itself needs If-Match with the ETag the client read: 428 without it, 412 when the case
 * changed since, 409 when another change won the race at commit. Notes and attachments are appended beside the
 * case and change nothing of it, so they take no If-Match.
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
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiRoute.Match match = route(req);
        switch (match.route()) {
            case SEARCH_CASES -> {
                CasePage page = cases.search(query(req));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("items", page.cases());
                answer.put("total", page.total());
                answer.put("totalCapped", page.totalCapped());
                answer.put("matches", page.matches());
                json(resp, 200, answer);
            }
            case CASE_STATISTICS -> json(resp, 200, cases.statistics(query(req)));
            case OPEN_CASE -> {
                NewCase intake = Json.read(req, NewCase.class);
                Case opened = localized(req, intake.centerId(), () -> cases.open(intake, actor()));
                resp.setHeader("Location", "/api/v1/cases/" + opened.id());
                caseAnswer(resp, 201, opened);
            }
            case READ_CASE -> {
                UUID id = id(match);
                caseAnswer(resp, 200, cases.find(id).orElseThrow(() -> new CaseNotFoundException(id)));
            }
            case UPDATE_FIELDS -> {
                UUID id = id(match);
                long expected = ifMatch(req);
                FieldsUpdate update = Json.read(req, FieldsUpdate.class);
                if (update.fields() == null) {
                    throw new ApiException(400, "field 'fields' is required: an object of field ids and new values"
                            + " (null clears a field)");
                }
                caseAnswer(resp, 200, localized(req, id,
                        () -> cases.updateFields(id, expected, update.fields(), actor())));
            }
            case ASSIGN -> {
                UUID id = id(match);
                long expected = ifMatch(req);
                Assignment assignment = Json.read(req, Assignment.class);
                caseAnswer(resp, 200, cases.assign(id, expected, assignment.assignee(), actor()));
            }
            case PERFORM_ACTION -> {
                UUID id = id(match);
                long expected = ifMatch(req);
                Transition t = Json.read(req, Transition.class);
                if (t.action() == null || t.action().isBlank()) {
                    throw new ApiException(400, "field 'action' is required");
                }
                caseAnswer(resp, 200, localized(req, id, () -> cases.perform(id, t.action(), expected,
                        t.fields() == null ? Map.of() : t.fields(), t.note(), actor())));
            }
            case HISTORY -> json(resp, 200, Map.of("items", cases.timeline(id(match))));
            case AUDIT -> json(resp, 200, Map.of("items", audit.entries(id(match))));
            case LIST_PERSONS -> {
                UUID id = id(match);
                Case found = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
                resp.setHeader("ETag", etag(found));
                json(resp, 200, Map.of("items", found.persons()));
            }
            case ADD_PERSON -> {
                UUID id = id(match);
                long expected = ifMatch(req);
                PersonDetails details = Json.read(req, PersonDetails.class);
                Case after = cases.addPerson(id, expected, details, actor());
                List<Person> persons = after.persons();
                resp.setHeader("ETag", etag(after));
                resp.setHeader("Location", "/api/v1/cases/" + id + "/persons");
                json(resp, 201, persons.get(persons.size() - 1));
            }
            case LIST_NOTES -> json(resp, 200, Map.of("items", cases.notes(id(match))));
            case ADD_NOTE -> {
                UUID id = id(match);
                NewNote note = Json.read(req, NewNote.class);
                Note written = cases.addNote(id, note.text(), actor());
                resp.setHeader("Location", "/api/v1/cases/" + id + "/notes");
                json(resp, 201, written);
            }
            case LIST_ATTACHMENTS -> json(resp, 200, Map.of("items", cases.attachments(id(match))));
            case ADD_ATTACHMENT -> {
                UUID id = id(match);
                String filename = req.getParameter("filename");
                if (filename == null || filename.isBlank()) {
                    throw new ApiException(400, "name the file with the query parameter 'filename'");
                }
                Attachment stored = cases.attach(id, filename, req.getContentType(), req.getContentLengthLong(),
                        body(req), actor());
                resp.setHeader("Location", "/api/v1/cases/" + id + "/attachments/" + stored.id());
                json(resp, 201, stored);
            }
            case DOWNLOAD_ATTACHMENT -> download(resp, id(match), match.variable("attachmentId"));
            default -> throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
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

    /** @param fields field id to new value, null to clear it; required */
    record FieldsUpdate(Map<String, String> fields) {
    }

    /** @param assignee the user to assign the case to, null to unassign it */
    record Assignment(String assignee) {
    }

    /** @param text the note, required */
    record NewNote(String text) {
    }

    /** @return who the request runs as: the store attributes changes to the authenticated user anyway */
    static String actor() {
        return SubjectContext.require().username();
    }

    /**
     * @return the request body, opened at its first read: a file refused by its Content-Length is never asked for,
     *     so that a client that sent {@code Expect: 100-continue} gets the 413 without sending the file at all
     */
    private static InputStream body(HttpServletRequest req) {
        return new InputStream() {
            private InputStream opened;

            @Override
            public int read() throws IOException {
                return opened().read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return opened().read(bytes, offset, length);
            }

            private InputStream opened() throws IOException {
                if (opened == null) {
                    opened = req.getInputStream();
                }
                return opened;
            }
        };
    }

    /**
     * Sends a stored file as a download that no browser renders in the API's origin: as an attachment, of the type
     * detected at upload, not to be sniffed as another, in a sandbox, and not to be cached.
     */
    private void download(HttpServletResponse resp, UUID caseId, String rawAttachmentId) throws IOException {
        UUID attachmentId = uuid(rawAttachmentId, "attachment");
        AttachmentContent found = cases.attachmentContent(caseId, attachmentId).orElseThrow(() -> new ApiException(
                404, "case " + caseId + " has no attachment " + rawAttachmentId));
        Attachment attachment = found.attachment();
        resp.setStatus(200);
        resp.setContentType(attachment.contentType().equals("text/plain") ? "text/plain; charset=UTF-8"
                : attachment.contentType());
        resp.setContentLengthLong(found.content().length);
        resp.setHeader("Content-Disposition", contentDisposition(attachment.filename()));
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Content-Security-Policy", "sandbox");
        resp.setHeader("Cache-Control", "private, no-store");
        resp.setHeader("ETag", "\"" + attachment.sha256() + "\"");
        resp.getOutputStream().write(found.content());
    }

    /**
     * @return {@code attachment} with the name twice: as plain ASCII with anything that could end or bend the
     *     header replaced, and exactly, percent-encoded (RFC 6266, RFC 8187)
     */
    static String contentDisposition(String filename) {
        StringBuilder ascii = new StringBuilder();
        filename.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Runs a change; validation problems come back in the language of the case's (or intake's) center. */
    private Case localized(HttpServletRequest req, UUID caseId, Supplier<Case> change) {
        try {
            return change.get();
        } catch (InvalidCaseException e) {
            Center center = cases.find(caseId).flatMap(c -> centers.center(c.centerId())).orElse(null);
            throw Localizer.localize(e, center, req);
        }
    }

    private Case localized(HttpServletRequest req, String centerId, Supplier<Case> change) {
        try {
            return change.get();
        } catch (InvalidCaseException e) {
            throw Localizer.localize(e, centerId == null ? null : centers.center(centerId).orElse(null), req);
        }
    }

    private static void caseAnswer(HttpServletResponse resp, int status, Case c) throws IOException {
        resp.setHeader("ETag", etag(c));
        json(resp, status, c);
    }

    private static UUID id(ApiRoute.Match match) {
        return uuid(match.variable("id"), "case");
    }

    /** @throws ApiException 404 when the id is not a UUID: no such resource can exist */
    static UUID uuid(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "no " + what + " " + raw);
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
     * {@code risk} (a risk level), {@code assignee}, {@code overdue} (true/false), {@code openedFrom},
     * {@code openedTo} (UTC days), {@code bornFrom}, {@code bornTo} (a date of birth of any person of the case; all
     * four ISO dates such as 2026-03-01, both ends included), {@code q} (case number or name; not blank),
     * {@code sort} ({@code openedAt}, {@code number}, {@code status} or {@code risk}; a leading {@code -} for
     * descending), {@code offset}, {@code limit}.
     *
     * @throws ApiException 400 naming the parameter whose value cannot be a criterion
     */
    static CaseQuery query(HttpServletRequest req) {
        CaseType type = constant(CaseType.class, req, "type", "a case type");
        RiskLevel risk = constant(RiskLevel.class, req, "risk", "a risk level");
        String overdue = req.getParameter("overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            throw new ApiException(400, "parameter 'overdue' must be true or false, was '" + overdue + "'");
        }
        CaseQuery query;
        try {
            query = CaseQuery.all().withCenter(req.getParameter("center")).withCountry(req.getParameter("country"))
                    .withStatus(req.getParameter("status")).withType(type).withRiskLevel(risk)
                    .withOverdue(overdue == null ? null : Boolean.valueOf(overdue))
                    // the messages of an inverted range name both parameters as they are spelt here
                    .withOpened(date(req, "openedFrom"), date(req, "openedTo"))
                    .withBorn(date(req, "bornFrom"), date(req, "bornTo"))
                    .withAssignee(req.getParameter("assignee")).withOrder(order(req.getParameter("sort")))
                    .withPage(intParam(req, "offset", 0), intParam(req, "limit", 50));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        String text = req.getParameter("q");
        if (text != null && text.isBlank()) {
            // most likely a search box sent empty: listing every case instead would also record them all as read
            throw new ApiException(400, "parameter 'q' is empty: type a case number or a name, or leave q out to"
                    + " list cases by the other criteria");
        }
        try {
            return query.withText(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "parameter 'q': " + e.getMessage());
        }
    }

    /** @return the constant a parameter names exactly, or null when the parameter is missing or empty */
    private static <E extends Enum<E>> E constant(Class<E> type, HttpServletRequest req, String name, String what) {
        String raw = req.getParameter(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "parameter '" + name + "': '" + raw + "' is not " + what + " (one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
        }
    }

    /** @return the ISO date (yyyy-MM-dd) of a parameter, or null without it or when it is empty */
    private static LocalDate date(HttpServletRequest req, String name) {
        String raw = req.getParameter(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "parameter '" + name + "' must be a date such as 2026-03-01, was '" + raw
                    + "'");
        }
    }

    /** @return the order a {@code sort} parameter names, or null for the default (newest first) */
    static CaseQuery.Order order(String sort) {
        if (sort == null) {
            return null;
        }
        boolean descending = sort.startsWith("-");
        CaseQuery.SortKey key = switch (descending ? sort.substring(1) : sort) {
            case "openedAt" -> CaseQuery.SortKey.OPENED_AT;
            case "number" -> CaseQuery.SortKey.NUMBER;
            case "status" -> CaseQuery.SortKey.STATUS;
            case "risk" -> CaseQuery.SortKey.RISK;
            default -> throw new ApiException(400, "parameter 'sort' must be one of openedAt, number, status, risk,"
                    + " each with a leading - for descending; was '" + sort + "'");
        };
        return new CaseQuery.Order(key, descending);
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
