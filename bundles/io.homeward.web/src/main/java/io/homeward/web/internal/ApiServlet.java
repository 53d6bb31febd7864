package io.homeward.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeward.casemodel.AttachmentRefusedException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.PluginFailureException;
import io.homeward.casemodel.StaleCaseException;
import jakarta.servlet.ServletException;
import io.homeward.casemodel.security.AccessDeniedException;
import io.homeward.casemodel.security.AccountException;
import io.homeward.casemodel.security.AuthenticationException;
import io.homeward.casemodel.security.LoginThrottledException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the JSON endpoints: turns every failure into an RFC 9457 {@code application/problem+json}
 * answer. Unexpected failures are logged with an incident id that the answer repeats, so that support can
 * find them, while no stack trace or internal detail reaches the caller.
 */
abstract class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    /** What {@link #allowedMethods} found, once per servlet. */
    private transient volatile List<String> allowedMethods;

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            if (!wellEncoded(req.getQueryString())) {
                // the server would refuse it on the first parameter read, as an unexpected exception
                throw new ApiException(400, "the query string is not percent-encoded UTF-8: encode each parameter"
                        + " value (e.g. with encodeURIComponent)");
            }
            String withNul = parameterWithNul(req.getQueryString());
            if (withNul != null) {
                throw new ApiException(400, "parameter '" + withNul + "' holds a NUL character (%00), which no"
                        + " parameter may hold");
            }
            handle(req, resp);
        } catch (ApiException e) {
            problem(req, resp, e.status(), e.getMessage(), e.violations(), e.headers().entrySet().stream()
                    .flatMap(h -> Stream.of(h.getKey(), h.getValue())).toArray(String[]::new));
            if (e.language() != null) {
                resp.setHeader("Content-Language", e.language());
            }
        } catch (InvalidCaseException e) {
            problem(req, resp, 422, e.getMessage(), e.violations());
        } catch (AttachmentRefusedException e) {
            problem(req, resp, e.reason() == AttachmentRefusedException.Reason.TOO_LARGE ? 413 : 415, e.getMessage(),
                    List.of());
        } catch (LoginThrottledException e) {
            // whole seconds, rounded up: a client that waits exactly this long is let in
            long seconds = Math.max(1, e.retryAfter().toSeconds() + (e.retryAfter().toMillisPart() > 0 ? 1 : 0));
            problem(req, resp, 429, e.getMessage(), List.of(), "Retry-After", Long.toString(seconds));
        } catch (AuthenticationException e) {
            problem(req, resp, 401, e.getMessage(), List.of());
        } catch (AccountException e) {
            problem(req, resp, 400, e.getMessage(), List.of());
        } catch (AccessDeniedException e) {
            problem(req, resp, 403, e.getMessage(), List.of());
        } catch (CaseNotFoundException e) {
            problem(req, resp, 404, e.getMessage(), List.of());
        } catch (StaleCaseException e) {
            problem(req, resp, 412, e.getMessage(), List.of());
        } catch (PluginFailureException e) {
            // the center's plugin failed, not the request: it may succeed later, and other centers still work
            problem(req, resp, 503, e.getMessage(), List.of());
        } catch (io.homeward.casemodel.CaseException e) {
            problem(req, resp, 409, e.getMessage(), List.of());
        } catch (UncheckedIOException e) {
            // the store reading an upload that broke off: the only I/O it does on the request's behalf
            ApiException answer = Json.brokenBody(e.getCause());
            problem(req, resp, answer.status(), answer.getMessage(), List.of());
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            // the exception message may quote data from the request, so only its type and stack go to the log:
            // the stack is logged on a copy without the message (and without causes, whose messages may quote too)
            Exception withoutMessage = new Exception(e.getClass().getName() + " (message withheld)");
            withoutMessage.setStackTrace(e.getStackTrace());
            LOG.error("Incident {} on {} {}: {}", incident, req.getMethod(), req.getRequestURI(), e.getClass().getName(),
                    withoutMessage);
            problem(req, resp, 500, "The request failed on the server; nothing was changed. Incident " + incident
                    + " is logged for support.", List.of());
        }
    }

    /**
     * @return whether every percent escape of a raw query string is two hex digits and each run of them is well-formed
     *     UTF-8 (no overlong forms, no surrogates); true for null
     */
    static boolean wellEncoded(String query) {
        if (query == null) {
            return true;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '%') {
                int high = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(query.charAt(i + 2), 16);
                if (low < 0) {
                    return false;
                }
                run.write(high * 16 + low);
                i += 2;
            } else if (run.size() > 0) {
                if (!decodes(utf8, run)) {
                    return false;
                }
                run.reset();
            }
        }
        return decodes(utf8, run);
    }

    /** @return the name of the first parameter of a well-encoded query string that holds %00, or null */
    static String parameterWithNul(String query) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.contains("%00")) {
                String name = parameter.substring(0, parameter.contains("=") ? parameter.indexOf('=')
                        : parameter.length());
                return URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\0", "");
            }
        }
        return null;
    }

    private static boolean decodes(CharsetDecoder decoder, ByteArrayOutputStream bytes) {
        try {
            decoder.reset().decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Serves a request that {@link #service} guards: by default by HTTP method, as {@link HttpServlet} does;
     * the API servlets dispatch by {@link ApiRoute} instead.
     */
    void handle(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        List<String> allowed = allowedMethods();
        if (!allowed.contains(req.getMethod())) {
            // rather than HttpServlet's 501 for a method it does not know, and its TRACE, which echoes the
            // request's headers (a CSRF token among them) back to whoever can make the browser send one
            throw new ApiException(405, req.getMethod() + " is not allowed on " + req.getRequestURI() + "; allowed: "
                    + String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed));
        }
        super.service(req, resp);
    }

    /** @return the methods this servlet answers by {@link HttpServlet}'s dispatch: those it has a method for */
    private List<String> allowedMethods() {
        List<String> known = allowedMethods;
        if (known == null) {
            known = declaredMethods();
            allowedMethods = known;
        }
        return known;
    }

    /** @return the methods this servlet's class declares a {@code doXxx} for, found once by reflection */
    private List<String> declaredMethods() {
        List<String> allowed = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            String name = "do" + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
            boolean overridden = Stream.<Class<?>>iterate(getClass(), c -> c != HttpServlet.class,
                    c -> c.getSuperclass()).anyMatch(c -> Arrays.stream(c.getDeclaredMethods())
                            .anyMatch(m -> m.getName().equals(name)));
            if (overridden) {
                allowed.add(method);
                if (method.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        allowed.add("OPTIONS");
        return List.copyOf(allowed);
    }

    /**
     * @return the route of the request
     * @throws ApiException 404 or 405 when the API has no such route
     */
    static ApiRoute.Match route(HttpServletRequest req) {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        return ApiRoute.match(req.getMethod(), path);
    }

    /** Writes a JSON body with the given status. */
    static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        // answers are data: no browser may take them for a page or a script
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setCharacterEncoding("UTF-8");
        Json.MAPPER.writeValue(resp.getOutputStream(), body);
    }

    /**
     * Writes a problem answer, replacing whatever the response held.
     *
     * @param headers header names and values to send with it, in pairs
     */
    static void problem(HttpServletRequest req, HttpServletResponse resp, int status, String detail,
            List<InvalidCaseException.Violation> violations, String... headers) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        if (req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null) {
            // a refused request's body may be left unread, and the server then drops the connection: say so,
            // or a client reusing it sees its next request fail with an empty answer
            resp.setHeader("Connection", "close");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            resp.setHeader(headers[i], headers[i + 1]);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (!violations.isEmpty()) {
            body.put("errors", violations);
        }
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setCharacterEncoding("UTF-8");
        ObjectMapper mapper = Json.MAPPER;
        mapper.writeValue(resp.getOutputStream(), body);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
