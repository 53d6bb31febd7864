package io.homeward.center.internal;

import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowMigration;
import io.homeward.casemodel.spi.CenterPlugin;
import io.homeward.provisioning.PluginHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The center registry's part in plugin updates: names the centers a plugin declares, refuses a replacement
 * that would strand open cases on a workflow version nothing declares any more, and once a new version has
 * taken over, moves open cases onto each newer workflow version that declares a migration from a version the
 * previous plugin version declared (one {@link CaseService#migrate} transaction per workflow version; cases
 * stay where they are when no migration is declared).
 */
@Component(service = PluginHandler.class)
public final class CenterPluginHandler implements PluginHandler {

    /** A migration transaction fails when a moved case changes concurrently; it is all or nothing, so retry. */
    private static final int MIGRATION_ATTEMPTS = 3;

    private final DeclarationReader reader = new DeclarationReader();
    private final CenterRegistry registry;

    // optional and dynamic: the store depends on the registry, and plugins can be updated without a store
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CaseService cases;

    @Activate
    public CenterPluginHandler(@Reference CenterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<String> contributions(Bundle plugin) {
        String name = plugin.getSymbolicName() + " " + plugin.getVersion();
        return registry.centers().stream().filter(c -> c.plugin().equals(name)).map(c -> "center " + c.id()).toList();
    }

    @Override
    public List<String> checkReplacement(Bundle running, Bundle replacement) {
        List<Center> after = declared(replacement);
        List<String> problems = new ArrayList<>();
        for (Center before : declared(running)) {
            Optional<Center> next = after.stream().filter(c -> c.id().equals(before.id())).findFirst();
            if (next.isEmpty()) {
                problems.add("center " + before.id() + " would no longer be declared: its cases would become read-only");
                continue;
            }
            for (Workflow workflow : before.workflows()) {
                if (next.get().workflow(workflow.id(), workflow.version()).isPresent()) {
                    continue;
                }
                boolean migrated = next.get().currentWorkflow(workflow.id())
                        .flatMap(w -> w.migrationFrom(workflow.version())).isPresent();
                if (!migrated) {
                    problems.add("center " + before.id() + ": workflow " + workflow.id() + " version " + workflow.version()
                            + " would be neither declared nor migrated, so its open cases would become read-only");
                }
            }
        }
        return problems;
    }

    @Override
    public List<String> replaced(Bundle previous, Bundle current) {
        List<Center> before = declared(previous);
        List<Center> after = declared(current);
        List<String> notes = new ArrayList<>();
        for (Center center : after) {
            Center old = before.stream().filter(c -> c.id().equals(center.id())).findFirst().orElse(null);
            if (old == null) {
                continue; // a new center has no cases to move
            }
            for (String workflowId : center.workflows().stream().map(Workflow::id).distinct().toList()) {
                Workflow newest = center.currentWorkflow(workflowId).orElseThrow();
                if (old.workflow(workflowId, newest.version()).isPresent()) {
                    continue; // not new in this update: its migrations ran when it was
                }
                for (WorkflowMigration migration : newest.migrations()) {
                    if (old.workflow(workflowId, migration.fromVersion()).isPresent()) {
                        notes.add(migrate(center.id(), workflowId, migration.fromVersion(), newest.version(),
                                "plugin:" + current.getSymbolicName()));
                    }
                }
            }
        }
        return notes;
    }

    /** Runs one migration; returns the note saying how it went. */
    private String migrate(String centerId, String workflowId, int from, int to, String actor) {
        String what = "center " + centerId + ", workflow " + workflowId + " version " + from + " -> " + to + ": ";
        CaseService service = cases;
        if (service == null) {
            return what + "no case store is running, open cases were not migrated";
        }
        CaseException failure = null;
        for (int attempt = 1; attempt <= MIGRATION_ATTEMPTS; attempt++) {
            try {
                // the platform migrates on its own behalf, named after the plugin, whoever deployed it
                int moved = SubjectContext.callAs(Subject.system(actor), () -> service.migrate(centerId, workflowId,
                        from, actor));
                return what + moved + " open case(s) migrated";
            } catch (InvalidCaseException e) {
                failure = e;
                break; // the declaration itself is the problem: trying again changes nothing
            } catch (CaseException e) {
                failure = e;
            }
        }
        return what + "not migrated (" + failure.getMessage() + "); its open cases stay on version " + from;
    }

    /**
     * A plugin's centers as its declaration says; empty when it has none or it cannot be read (the registry's
     * BundleCheck refuses such a plugin before any handler is asked).
     */
    private List<Center> declared(Bundle plugin) {
        if (plugin.getHeaders("").get(CenterPlugin.DECLARATION_HEADER) == null) {
            return List.of();
        }
        try {
            return CenterRegistryImpl.read(reader, plugin);
        } catch (DeclarationException | IllegalStateException e) {
            return List.of();
        }
    }
}
