package io.homeward.store.internal;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Activator of the synthetic bundle that {@link StoreBundleIT} builds from test classes: it plays the platform's
 * center registry (with {@link TestCenters}) and offers, as a {@link Callable} service — a type both sides of the
 * framework boundary share — a scenario that opens a case through the store's {@link CaseService} and moves it
 * one step, so that the test drives Hibernate inside Felix without touching the bundle's classes.
 */
public class SyntheticCentersActivator implements BundleActivator {

    /** Service property that marks the scenario. */
    static final String SCENARIO = "homeward.itest.scenario";

    @Override
    public void start(BundleContext context) {
        context.registerService(CenterRegistry.class, new TestCenters(), null);
        Callable<String> scenario = () -> {
            ServiceReference<CaseService> reference = context.getServiceReference(CaseService.class);
            CaseService cases = context.getService(reference);
            // the store answers nobody: the scenario runs as the platform itself
            try {
                return SubjectContext.callAs(Subject.system("itest"), () -> {
                    Case opened = cases.open(new NewCase(TestCenters.TEST, "runaway", null, RiskLevel.HIGH,
                        "left a note", Map.of("last-seen", "2026-02-28"),
                        List.of(new PersonDetails(PersonRole.CHILD, "Janssens", "Emma", null, null, null, null))),
                        "itest");
                Case moved = cases.perform(opened.id(), "investigate", opened.version(),
                        Map.of("police-ref", "PV-1"), "in Felix", "itest");
                return moved.number() + " " + moved.status() + " " + cases.timeline(opened.id()).size() + " "
                        + cases.search(CaseQuery.all().withText("janss")).total();
                });
            } finally {
                context.ungetService(reference);
            }
        };
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(SCENARIO, true);
        context.registerService(Callable.class, scenario, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // services are unregistered by the framework
    }
}
