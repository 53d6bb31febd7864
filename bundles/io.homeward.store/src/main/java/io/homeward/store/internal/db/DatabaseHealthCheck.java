package io.homeward.store.internal.db;

import io.homeward.casemodel.HealthCheck;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Reports the case database in {@code GET /health}. Registered whether or not the {@link Database} could
 * start, so that a database that is down or misconfigured makes the platform unhealthy instead of invisible.
 */
@Component(service = HealthCheck.class)
public final class DatabaseHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Database database;

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result check() {
        Database current = database;
        return current == null
                ? new Result(false, "the case database is not open; the log says why")
                : current.probe();
    }
}
