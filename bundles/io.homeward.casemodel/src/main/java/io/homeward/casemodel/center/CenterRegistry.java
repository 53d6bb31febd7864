package io.homeward.casemodel.center;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The centers declared by the plugins installed in this deployment. A center appears once its plugin bundle
 * is resolved and its declaration is valid, and disappears when the plugin is uninstalled. Thread-safe.
 */
@ProviderType
public interface CenterRegistry {

    /** @return every center currently declared, ordered by id; never null */
    List<Center> centers();

    /** @return the center with this id, or empty when no installed plugin declares it */
    Optional<Center> center(String centerId);
}
