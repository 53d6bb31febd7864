package io.homeward.provisioning;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Bundle;

/**
 * Vetoes bundles before they are resolved. Provisioning calls every registered {@code BundleCheck}
 * service on each bundle it has just installed, as part of a feature install or a {@code deploy/}
 * drop, before resolving anything; any problem refuses the whole install, which is then rolled back.
 * {@code bundle:diag} reports the same problems for installed bundles.
 *
 * <p>Implementations are called from the provisioning thread, one bundle at a time, and must not
 * start, stop, resolve or refresh bundles. They should be quick (they delay the install) and must
 * not throw: an exception is reported as a problem of the bundle.
 */
@ConsumerType
public interface BundleCheck {

    /**
     * Problems that make the bundle unfit, each a readable sentence (e.g. naming a declaration file
     * and line); empty when the bundle is fit. The bundle may be only INSTALLED: read it through
     * {@link Bundle#getEntry(String)} and {@link Bundle#getHeaders()}, never by loading classes.
     *
     * @param bundle the bundle to check, never null
     * @return the problems, never null
     */
    List<String> check(Bundle bundle);
}
