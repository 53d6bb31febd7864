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
 * {@code GET /health}, open to all: 200 with status {@code UP} once boot provisioning finished and every
 * registered {@link HealthCheck} passes; 503 with {@code STARTING} or {@code DOWN} otherwise. Lists the
 * installed features, the bundles with their states and each check's result.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
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
        FeatureService featureService = features;
        boolean booted = featureService != null && featureService.isBootComplete();
        boolean healthy = true;
        Map<String, Object> checkResults = new LinkedHashMap<>();
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
        List<Map<String, Object>> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("id", bundle.getBundleId());
            b.put("symbolicName", bundle.getSymbolicName());
            b.put("version", bundle.getVersion().toString());
            b.put("state", BundleStates.of(bundle));
            bundles.add(b);
        }
        String status = !booted ? "STARTING" : healthy ? "UP" : "DOWN";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("features", featureService == null ? List.of() : featureService.installedFeatures());
        body.put("checks", checkResults);
        body.put("bundles", bundles);
        resp.setHeader("Cache-Control", "no-store");
        json(resp, status.equals("UP") ? 200 : 503, body);
    }
}
