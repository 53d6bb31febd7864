package io.homeward.provisioning;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Bundle;

/**
 * Reports what a bundle did wrong while it ran, for {@code bundle:diag}: for example the faults of a center
 * plugin's hooks. Unlike {@link BundleCheck}, which refuses bundles before they are installed, a diagnostic
 * never refuses or changes anything; it only explains.
 *
 * <p>Register implementations as OSGi services (whiteboard); {@code bundle:diag} calls every one of them for
 * each bundle it shows, from the admin command's thread. Implementations must be thread-safe, answer quickly
 * from what they already know (no I/O, no calls into the bundle), and must not throw: an exception is shown as
 * a failed diagnostic. Lines must not contain personal data.
 */
@ConsumerType
public interface BundleDiagnostics {

    /**
     * What this service knows about the bundle, each a readable sentence, e.g. {@code 3 plugin faults in the
     * last 10 min}; empty when there is nothing to report.
     *
     * @param bundle the bundle, in any state, never null
     * @return the lines, never null
     */
    List<String> diagnose(Bundle bundle);
}
