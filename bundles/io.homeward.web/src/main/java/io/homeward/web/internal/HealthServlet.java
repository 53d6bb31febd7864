package io.homeward.web.internal;

import io.homeward.casemodel.HealthCheck;
import io.homeward.provisioning.BundleStates;
import io.homeward.provisioning.FeatureService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The platform's health, told apart as the orchestrators of a deployment ask for it:
 * <ul>
 * <li>{@code GET /health/live}, open to all: 200 {@code UP} while the process serves HTTP at all (restart it if not);
 * </li>
 * <li>{@code GET /health/ready} (and {@code /health}), open to all: 200 {@code UP} once boot provisioning finished
 * and every registered {@link HealthCheck} passes (the database, the plugins, the demo seeding in demo mode...); 503
 * {@code STARTING} or {@code DOWN} before or when degraded (send it no traffic). The answer says no more: what is
 * installed is no one's business before they sign in;</li>
 * <li>{@code GET /api/v1/health}, for any signed-in user or token: the same status with the installed features,
 * each check's result and the bundles with their states.</li>
 * </ul>
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/health", "/health/*", "/api/v1/health"})
public final class HealthServlet extends ApiServlet {
    private static final long serialVersionUID = 1L;

    private final transient BundleContext context;
    private final transient List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private transient volatile FeatureService features;

    @Activate
    public HealthServlet(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(HealthCheck check) {
        checks.add(check);
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setFeatures(FeatureService service) {
        features = service;
    }

    void unsetFeatures(FeatureService service) {
        if (features == service) {
            features = null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        resp.setHeader("Cache-Control", "no-store");
        switch (path) {
            case "/health/live" -> json(resp, 200, Map.of("status", "UP"));
            case "/health", "/health/ready" -> {
                String status = status(new LinkedHashMap<>());
                json(resp, status.equals("UP") ? 200 : 503, Map.of("status", status));
            }
            // the authentication filter guards /api/*: only a signed-in user or a token gets here
            case "/api/v1/health" -> details(resp);
            default -> throw new ApiException(404, "no such resource: " + req.getRequestURI()
                    + "; health is at /health/live and /health/ready");
        }
    }

    /**
     * @param checkResults filled with each check's result, by name
     * @return UP, STARTING (boot provisioning not finished) or DOWN (a check failed)
     */
    private String status(Map<String, Object> checkResults) {
        FeatureService featureService = features;
        boolean booted = featureService != null && featureService.isBootComplete();
        boolean healthy = true;
        for (HealthCheck check : checks) {
            HealthCheck.Result result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = new HealthCheck.Result(false, "check failed: " + e.getClass().getSimpleName());
            }
            healthy &= result.healthy();
            checkResults.put(check.name(), Map.of("status", result.healthy() ? "UP" : "DOWN", "detail", result.detail()));
        }
        return !booted ? "STARTING" : healthy ? "UP" : "DOWN";
    }

    private void details(HttpServletResponse resp) throws IOException {
        Map<String, Object> checkResults = new LinkedHashMap<>();
        String status = status(checkResults);
        List<Map<String, Object>> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("id", bundle.getBundleId());
            b.put("symbolicName", bundle.getSymbolicName());
            b.put("version", bundle.getVersion().toString());
            b.put("state", BundleStates.of(bundle));
            bundles.add(b);
        }
        FeatureService featureService = features;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("features", featureService == null ? List.of() : featureService.installedFeatures());
        body.put("checks", checkResults);
        body.put("bundles", bundles);
        json(resp, status.equals("UP") ? 200 : 503, body);
    }
}
