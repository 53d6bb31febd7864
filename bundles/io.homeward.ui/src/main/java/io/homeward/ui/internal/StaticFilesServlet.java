package io.homeward.ui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the staff UI: the files under {@code META-INF/resources} in this bundle (the Jakarta place for a jar's
 * static web content, which bnd does not take for a package to export), at the root of the HTTP service. Registered
 * as the default servlet ({@code /}), so the API's more specific patterns ({@code /api/v1/*}, {@code /health})
 * always win. A small servlet rather than a whiteboard resource because every answer carries the security
 * headers (a strict Content-Security-Policy among them) and {@code /} must answer with the app's page.
 *
 * <p>The files never change while the bundle is installed, so browsers revalidate them against the bundle's
 * last-modified time and an update of the bundle is picked up at the next load.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class StaticFilesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "/META-INF/resources";

    /** Only what the UI ships; anything else is not served, whatever the bundle holds. */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /**
     * Everything from this origin and nothing else: no inline script or style, so that even a bug that put data
     * into markup could not run it; no framing (click-jacking); no form posts elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private final transient Function<String, URL> files;
    private final long lastModified;

    @Activate
    public StaticFilesServlet(BundleContext context) {
        this(context.getBundle());
    }

    private StaticFilesServlet(Bundle bundle) {
        this(bundle::getEntry, bundle.getLastModified());
    }

    /** @param files finds a file of the bundle by its absolute path, null when there is none */
    StaticFilesServlet(Function<String, URL> files, long lastModified) {
        this.files = files;
        // HTTP dates have whole seconds: round down, or If-Modified-Since would never match
        this.lastModified = lastModified / 1000 * 1000;
    }

    @Override
    protected long getLastModified(HttpServletRequest req) {
        return resolve(req) == null ? -1 : lastModified;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        String path = resolve(req);
        URL file = path == null ? null : files.apply(ROOT + path);
        if (file == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(TYPES.get(path.substring(path.lastIndexOf('.') + 1)));
        // revalidate every time: cheap (304) and an updated bundle is never half old, half new in a browser
        resp.setHeader("Cache-Control", "no-cache");
        try (InputStream in = file.openStream(); OutputStream out = resp.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** @return the file path the request asks for ({@code /} is the app's page), or null if it is not one we serve */
    static String resolve(HttpServletRequest req) {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.isEmpty() || path.equals("/")) {
            return "/index.html";
        }
        // no way out of the root: neither parent segments nor encoded tricks, and only the file types we ship
        if (path.contains("..") || path.contains("//") || path.contains("\\") || path.contains("%")) {
            return null;
        }
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && TYPES.containsKey(path.substring(dot + 1)) ? path : null;
    }
}
