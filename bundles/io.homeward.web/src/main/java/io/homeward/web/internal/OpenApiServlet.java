package io.homeward.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the API, written by hand beside the code
 * ({@value #DOCUMENT} in this bundle) and held true by tests: every {@link ApiRoute} is in it and every operation in
 * it is a route.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/openapi.json")
public final class OpenApiServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    /** The description, a resource beside this class. */
    static final String DOCUMENT = "openapi.json";

    /** Read once: the document is part of the bundle and cannot change while it runs. */
    private final byte[] document = load();

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (route(req).route() != ApiRoute.OPENAPI) {
            throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(document.length);
        resp.getOutputStream().write(document);
    }

    /** @return the document's bytes, as stored in the bundle */
    static byte[] load() {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the web bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
