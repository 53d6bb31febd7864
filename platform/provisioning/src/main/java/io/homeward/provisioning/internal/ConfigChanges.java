package io.homeward.provisioning.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.homeward.provisioning.ProvisioningException;
import io.homeward.provisioning.internal.FeatureDefinition.ConfigEntry;

/**
 * Feature configurations in Configuration Admin. A feature only creates configurations that do not
 * exist yet: one already there (typically from {@code etc/<pid>.cfg}) is the administrator's and
 * wins. Only configurations created by provisioning are ever deleted by it.
 */
final class ConfigChanges {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigChanges.class);

    private final ConfigurationAdmin configAdmin;

    ConfigChanges(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    boolean exists(String pid) throws ProvisioningException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found != null && found.length > 0;
        } catch (IOException | InvalidSyntaxException e) {
            throw new ProvisioningException("cannot read configuration " + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the configurations; on failure deletes those it created and throws.
     *
     * @return the PIDs created
     */
    List<String> create(Collection<ConfigEntry> entries) throws ProvisioningException {
        List<String> created = new ArrayList<>();
        for (ConfigEntry entry : entries) {
            try {
                // "?" binds the configuration to whichever bundle consumes the PID, as etc/*.cfg files do
                // "factoryPid~name" names one configuration of a factory (OSGi R7), e.g. one hub's membership;
                // its PID is that same string, so existence checks and deletion need no special case
                int tilde = entry.pid().indexOf('~');
                Configuration configuration = tilde > 0
                        ? configAdmin.getFactoryConfiguration(entry.pid().substring(0, tilde), entry.pid().substring(tilde + 1), "?")
                        : configAdmin.getConfiguration(entry.pid(), "?");
                Dictionary<String, Object> properties = new Hashtable<>(entry.properties());
                configuration.update(properties);
                created.add(entry.pid());
            } catch (IOException | RuntimeException e) {
                delete(created);
                throw new ProvisioningException("cannot create configuration " + entry.pid() + ": " + e.getMessage(), e);
            }
        }
        return created;
    }

    /** Deletes configurations; a failure is logged, since there is nothing better to do while undoing. */
    void delete(Collection<String> pids) {
        for (String pid : pids) {
            try {
                Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
                if (found != null) {
                    for (Configuration configuration : found) {
                        configuration.delete();
                    }
                }
            } catch (IOException | InvalidSyntaxException | RuntimeException e) {
                LOG.error("Could not delete configuration {}: {}", pid, e.getMessage());
            }
        }
    }
}
