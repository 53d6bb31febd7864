package io.homeward.store.internal;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskAssessment;
import io.homeward.casemodel.StaleCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowAction;
import io.homeward.casemodel.center.WorkflowState;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.casemodel.spi.CenterPlugin;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.hibernate.query.SelectionQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CaseService} on the case {@link Database}, applying the rules that the centers declare in the
 * {@link CenterRegistry} and the {@link CaseGuard}s they register. Every call is one short transaction.
 * Log messages name cases by id and number only: never persons, field values or notes.
 */
@Component(service = CaseService.class)
public class CaseServiceImpl implements CaseService {

    private static final Logger LOG = LoggerFactory.getLogger(CaseServiceImpl.class);

    private final Database database;
    private final CenterRegistry centers;
    private final Clock clock;
    private final List<RegisteredGuard> guards = new CopyOnWriteArrayList<>();
    /**
     * Counter rows known to exist. Rows are never deleted, so this only saves a round trip per intake; the
     * counters themselves live in the database, shared by every node.
     */
    private final Set<CaseNumberCounter.Key> knownCounters = ConcurrentHashMap.newKeySet();

    @Activate
    public CaseServiceImpl(@Reference Database database, @Reference CenterRegistry centers) {
        this(database, centers, Clock.systemUTC());
    }

    CaseServiceImpl(Database database, CenterRegistry centers, Clock clock) {
        this.database = database;
        this.centers = centers;
        this.clock = clock;
    }

    @Reference(service = CaseGuard.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeGuard")
    void addGuard(CaseGuard guard, Map<String, Object> properties) {
        Object center = properties.get(CenterPlugin.CENTER_PROPERTY);
        if (center instanceof String id) {
            guards.add(new RegisteredGuard(id, guard));
        } else {
            LOG.warn("Ignoring case guard {}: its service property {} does not name one center",
                    guard.getClass().getName(), CenterPlugin.CENTER_PROPERTY);
        }
    }

    void removeGuard(CaseGuard guard) {
        guards.removeIf(registered -> registered.guard() == guard);
    }

    @Override
    public Case open(NewCase intake, String actor) {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(actor, "actor");
        CheckedIntake checked = check(intake);

        Instant now = clock.instant();
        CaseNumberCounter.Key counterKey = new CaseNumberCounter.Key(checked.center().id(),
                now.atZone(ZoneOffset.UTC).getYear());
        ensureCounter(counterKey);
        Case opened = transaction(session -> {
            // the row lock serialises intakes of one center and year, across nodes sharing the database
            CaseNumberCounter counter = session.find(CaseNumberCounter.class, counterKey, LockModeType.PESSIMISTIC_WRITE);
            String number = checked.center().caseNumbers().format(counterKey.year(), counter.next());
            CaseEntity entity = new CaseEntity(UUID.randomUUID(), number, checked.center().id(), checked.country(),
                    checked.category().caseType(), checked.category().id(), checked.workflow().id(),
                    checked.workflow().version(), checked.initial().id(),
                    new RiskAssessment(intake.riskLevel(), intake.riskReason(), actor, now), now);
            List<PersonDetails> persons = intake.persons();
            for (int i = 0; i < persons.size(); i++) {
                entity.addPerson(new PersonEntity(UUID.randomUUID(), i, persons.get(i)));
            }
            entity.fields().putAll(intake.fields());
            // appended before persist: the insert carries the final state, so the case starts at version 0
            TimelineEventEntity openedEvent = entity.appendEvent(now, actor, TimelineEvent.OPENED, null, null,
                    checked.initial().id(), "risk " + intake.riskLevel() + ": " + intake.riskReason());
            session.persist(entity);
            session.persist(openedEvent);
            session.flush();
            return entity.toCase();
        });
        LOG.info("Opened case {} ({}) of center {} in state {}", opened.number(), opened.id(), opened.centerId(),
                opened.status());
        return opened;
    }

    /**
     * Checks an intake against its center's declaration and guards, collecting every problem.
     *
     * @return what the checks looked up
     * @throws InvalidCaseException listing every problem found
     */
    private CheckedIntake check(NewCase intake) {
        List<Violation> violations = new ArrayList<>();
        Center center = centers.center(intake.centerId()).orElse(null);
        CaseCategory category = null;
        Workflow workflow = null;
        if (center == null) {
            violations.add(new Violation("centerId", "no installed center plugin declares center " + intake.centerId()));
        } else {
            category = center.category(intake.category()).orElse(null);
            if (category == null) {
                violations.add(new Violation("category", intake.category() + " is not a category of center "
                        + center.id() + "; its categories are "
                        + join(center.categories().stream().map(CaseCategory::id).toList())));
            } else {
                workflow = center.currentWorkflow(category.workflowId()).orElse(null);
                if (workflow == null) {
                    violations.add(new Violation("category", "center " + center.id() + " declares no workflow "
                            + category.workflowId() + " for category " + category.id()));
                }
            }
        }
        if (intake.riskLevel() == null) {
            violations.add(new Violation("riskLevel", "is required"));
        }
        if (intake.riskReason() == null || intake.riskReason().isBlank()) {
            violations.add(new Violation("riskReason", "must say why the risk level was set"));
        }
        if (intake.country() != null && !CaseRules.isCountry(intake.country())) {
            violations.add(new Violation("country", intake.country() + " is not an ISO 3166-1 alpha-2 country code"));
        }
        if (center != null) {
            CaseRules.checkFieldValues(center, intake.fields(), violations);
        }
        if (intake.persons().stream().noneMatch(p -> p.role() == PersonRole.CHILD)) {
            violations.add(new Violation("persons", "a case needs at least one person with role CHILD"));
        }
        WorkflowState initial = workflow == null ? null : initialState(center, workflow);
        if (initial != null) {
            CaseRules.checkRequiredFields(initial, intake.fields(), violations);
        }
        violations.addAll(checkGuards(intake.centerId(), guard -> guard.checkIntake(intake)));
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        return new CheckedIntake(center, category, workflow, initial,
                intake.country() != null ? intake.country() : center.country());
    }

    @Override
    public Optional<Case> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return transaction(session -> Optional.ofNullable(session.find(CaseEntity.class, id)).map(CaseEntity::toCase));
    }

    @Override
    public CasePage search(CaseQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (query.centerId() != null) {
            where.append(" and c.centerId = :center");
            parameters.put("center", query.centerId());
        }
        if (query.status() != null) {
            where.append(" and c.status = :status");
            parameters.put("status", query.status());
        }
        if (query.type() != null) {
            where.append(" and c.type = :type");
            parameters.put("type", query.type());
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (lower(c.number) like :text escape '!' or c.id in (select o.id from CaseEntity o"
                    + " join o.persons p where lower(p.familyName) like :text escape '!'"
                    + " or lower(p.givenName) like :text escape '!'))");
            parameters.put("text", "%" + likeEscaped(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        return transaction(session -> {
            SelectionQuery<Long> count = session.createSelectionQuery("select count(c) from CaseEntity c" + where, Long.class);
            SelectionQuery<CaseEntity> page = session.createSelectionQuery(
                    "from CaseEntity c" + where + " order by c.openedAt desc, c.number desc", CaseEntity.class);
            parameters.forEach((name, value) -> {
                count.setParameter(name, value);
                page.setParameter(name, value);
            });
            long total = count.getSingleResult();
            List<Case> cases = page.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList()
                    .stream().map(CaseEntity::toCase).toList();
            return new CasePage(cases, total);
        });
    }

    @Override
    public Case perform(UUID id, String action, long expectedVersion, Map<String, String> fields, String note,
            String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(actor, "actor");
        Instant now = clock.instant();
        Case result;
        try {
            result = transaction(session -> {
                CaseEntity entity = session.find(CaseEntity.class, id);
                if (entity == null) {
                    throw new CaseNotFoundException(id);
                }
                if (entity.version() != expectedVersion) {
                    throw new StaleCaseException(entity.number(), expectedVersion, entity.version());
                }
                Center center = centers.center(entity.centerId()).orElseThrow(() -> new CaseException("case "
                        + entity.number() + " belongs to center " + entity.centerId() + ", whose plugin is not "
                        + "installed; its cases are read-only until the plugin is installed again"));
                Workflow workflow = center.workflow(entity.workflowId(), entity.workflowVersion())
                        .orElseThrow(() -> new CaseException("case " + entity.number() + " runs under workflow "
                                + entity.workflowId() + " version " + entity.workflowVersion() + ", which center "
                                + center.id() + " no longer declares; the case is read-only until it is migrated"));

                List<Violation> violations = new ArrayList<>();
                WorkflowAction step = workflow.action(action, entity.status()).orElse(null);
                WorkflowState target = null;
                if (step == null) {
                    violations.add(new Violation("action", notAllowed(action, entity.status(), workflow)));
                } else {
                    target = workflow.state(step.to()).orElseThrow(() -> new CaseException("action " + action
                            + " of workflow " + workflow.id() + " leads to undeclared state " + step.to()));
                }
                CaseRules.checkFieldValues(center, fields, violations);
                if (target != null) {
                    Map<String, String> after = new HashMap<>(entity.fields());
                    after.putAll(fields);
                    CaseRules.checkRequiredFields(target, after, violations);
                }
                Case before = entity.toCase();
                violations.addAll(checkGuards(center.id(), guard -> guard.checkAction(before, action, fields)));
                if (!violations.isEmpty()) {
                    throw new InvalidCaseException(violations);
                }

                entity.fields().putAll(fields);
                entity.moveTo(target.id(), target.terminal(), now);
                TimelineEventEntity event = entity.appendEvent(now, actor, TimelineEvent.ACTION, action,
                        before.status(), target.id(), note);
                // the UPDATE of the case, with its version check, goes first: it decides between concurrent
                // actions (Hibernate would otherwise insert the event first and the loser would trip over the
                // timeline's unique index instead)
                session.flush();
                session.persist(event);
                session.flush();
                return entity.toCase();
            });
        } catch (ConcurrentChange e) {
            // someone committed a change between our read and our write: the version check in the UPDATE failed
            Case current = find(id).orElseThrow(() -> new CaseNotFoundException(id));
            throw new StaleCaseException(current.number(), expectedVersion, current.version());
        }
        LOG.info("Case {} ({}): action {} led to state {}", result.number(), result.id(), action, result.status());
        return result;
    }

    @Override
    public List<TimelineEvent> timeline(UUID id) {
        Objects.requireNonNull(id, "id");
        return transaction(session -> {
            if (session.find(CaseEntity.class, id) == null) {
                throw new CaseNotFoundException(id);
            }
            return session.createSelectionQuery("from TimelineEventEntity e where e.caseId = :id order by e.index",
                    TimelineEventEntity.class).setParameter("id", id).getResultList()
                    .stream().map(TimelineEventEntity::toEvent).toList();
        });
    }

    /** Makes sure the counter row exists, so that intakes can lock it; creating it races with other nodes. */
    private void ensureCounter(CaseNumberCounter.Key key) {
        if (knownCounters.contains(key)) {
            return;
        }
        try {
            database.inTransaction(session -> {
                if (session.find(CaseNumberCounter.class, key) == null) {
                    session.persist(new CaseNumberCounter(key));
                }
                return null;
            });
        } catch (RuntimeException e) {
            // another node or thread created the row first and the primary key refused ours: that is fine
            boolean exists = transaction(session -> session.find(CaseNumberCounter.class, key) != null);
            if (!exists) {
                throw failure(e);
            }
        }
        knownCounters.add(key);
    }

    private WorkflowState initialState(Center center, Workflow workflow) {
        return workflow.state(workflow.initialState()).orElseThrow(() -> new CaseException("workflow "
                + workflow.id() + " of center " + center.id() + " starts in undeclared state " + workflow.initialState()));
    }

    private static String notAllowed(String action, String status, Workflow workflow) {
        List<String> allowed = workflow.actionsFrom(status).stream().map(WorkflowAction::id).toList();
        return action + " is not allowed in state " + status + "; "
                + (allowed.isEmpty() ? "no action is" : "allowed: " + join(allowed));
    }

    /**
     * Asks the guards of one center. A guard that throws refuses the request — the center's rules could not be
     * checked — but it cannot take the store down with it.
     */
    private List<Violation> checkGuards(String centerId, Function<CaseGuard, List<Violation>> check) {
        List<Violation> found = new ArrayList<>();
        for (RegisteredGuard registered : guards) {
            if (!registered.centerId().equals(centerId)) {
                continue;
            }
            try {
                found.addAll(check.apply(registered.guard()));
            } catch (RuntimeException e) {
                LOG.error("Case guard {} of center {} failed", registered.guard().getClass().getName(), centerId, e);
                throw new CaseException("the rules of center " + centerId + " could not be checked; try again or "
                        + "ask an administrator to look at its plugin");
            }
        }
        return found;
    }

    /**
     * Runs one transaction and turns what the database or Hibernate throws into what the API promises:
     * {@link CaseException}s pass through, a failed optimistic-lock check becomes {@link ConcurrentChange},
     * anything else a {@link CaseException} whose message carries nothing of the case.
     */
    private <T> T transaction(Function<Session, T> work) {
        try {
            return database.inTransaction(work);
        } catch (CaseException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isConcurrentChange(e)) {
                throw new ConcurrentChange(e);
            }
            throw failure(e);
        }
    }

    private static CaseException failure(RuntimeException e) {
        // the database's own message may quote values; log the kind of failure only, keep the cause for callers
        LOG.error("Case store failure: {}{}", e.getClass().getName(),
                e instanceof JDBCException jdbc ? " (SQL state " + jdbc.getSQLState() + ")" : "");
        return new CaseException("the case store could not complete the request; try again later", e);
    }

    private static boolean isConcurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** @return the text with the LIKE wildcards and the escape character itself escaped by {@code !} */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String join(List<String> ids) {
        return ids.stream().collect(Collectors.joining(", "));
    }

    /** What the checks of an accepted intake looked up; the country is the intake's or the center's own. */
    private record CheckedIntake(Center center, CaseCategory category, Workflow workflow, WorkflowState initial,
            String country) {
    }

    /** A guard service and the center it belongs to. */
    private record RegisteredGuard(String centerId, CaseGuard guard) {
    }

    /** Another transaction changed the case first; {@link #perform} turns this into a {@link StaleCaseException}. */
    private static final class ConcurrentChange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentChange(Throwable cause) {
            super(cause);
        }
    }
}
