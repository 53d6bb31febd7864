package io.homeward.web.internal;

import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code /api/v1/centers}: the centers of the deployment with everything their plugins declare. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/centers", "/api/v1/centers/*"})
public final class CentersServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient CenterRegistry centers;

    @Activate
    public CentersServlet(@Reference CenterRegistry centers) {
        this.centers = centers;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ApiRoute.Match match = route(req);
        switch (match.route()) {
            case LIST_CENTERS -> json(resp, 200, Map.of("items", centers.centers()));
            case READ_CENTER -> {
                String id = match.variable("centerId");
                Center center = centers.center(id).orElseThrow(() -> new ApiException(404, "no center '" + id
                        + "' in this deployment"));
                json(resp, 200, center);
            }
            default -> throw new ApiException(404, "no such resource: " + req.getRequestURI());
        }
    }
}
