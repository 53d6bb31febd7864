package io.homeward.itests.synthetic;

import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.casemodel.spi.CenterPlugin;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged into a synthetic center plugin: registers itself as the {@link CaseGuard} of center {@value #CENTER}.
 * Its intake check throws when the intake's {@value #FIELD} field is {@value #THROW}, never returns when it is
 * {@value #HANG} (it even ignores interruption, as the worst plugin code would), and accepts anything else.
 */
public class FaultyGuardActivator implements BundleActivator, CaseGuard {

    public static final String CENTER = "faulty";
    public static final String FIELD = "scenario";
    public static final String THROW = "throw";
    public static final String HANG = "hang";

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(CenterPlugin.CENTER_PROPERTY, CENTER);
        context.registerService(CaseGuard.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the guard
    }

    @Override
    public List<Violation> checkIntake(NewCase intake) {
        String scenario = intake.fields().get(FIELD);
        if (THROW.equals(scenario)) {
            // careless plugin code quotes case data in its message: the platform must pass it on to no one
            throw new IllegalStateException("cannot check the intake of " + intake.persons().get(0).givenName()
                    + ": " + intake.riskReason());
        }
        if (HANG.equals(scenario)) {
            for (;;) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                    // a hook that swallows interruption keeps its thread for good
                }
            }
        }
        return List.of();
    }
}
