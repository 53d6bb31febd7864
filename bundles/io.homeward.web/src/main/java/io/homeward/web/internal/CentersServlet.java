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
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo();
        if (info == null || info.equals("/")) {
            json(resp, 200, Map.of("items", centers.centers()));
            return;
        }
        String id = info.substring(1);
        Center center = centers.center(id).orElseThrow(() -> new ApiException(404, "no center '" + id + "' in this deployment"));
        json(resp, 200, center);
    }
}
