package io.homeward.casemodel.spi;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A center's own rules, checked before an intake or a workflow action is stored. Register it as an OSGi
 * service with the {@value CenterPlugin#CENTER_PROPERTY} property set to the center id; it is consulted only
 * for that center's cases. Implementations must be thread-safe and quick: they run inside the request.
 */
@ConsumerType
public interface CaseGuard {

    /**
     * @param intake the intake about to be stored, never null
     * @return the problems that refuse it, empty to accept; never null
     */
    default List<Violation> checkIntake(NewCase intake) {
        return List.of();
    }

    /**
     * @param current the case before the action, never null
     * @param action the action about to be performed, never null
     * @param fields the field values supplied with the action, never null
     * @return the problems that refuse it, empty to accept; never null
     */
    default List<Violation> checkAction(Case current, String action, Map<String, String> fields) {
        return List.of();
    }
}
