package io.homeward.store.internal.cases;

import io.homeward.casemodel.Attachment;
import io.homeward.casemodel.AttachmentContent;
import io.homeward.casemodel.AttachmentRefusedException;
import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.CaseNotFoundException;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.CaseStatistics;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.Countries;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.MatchReason;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.Note;
import io.homeward.casemodel.Person;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.PluginFailureException;
import io.homeward.casemodel.RiskAssessment;
import io.homeward.casemodel.SearchMatch;
import io.homeward.casemodel.StaleCaseException;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowAction;
import io.homeward.casemodel.center.WorkflowMigration;
import io.homeward.casemodel.center.WorkflowState;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.spi.CaseGuard;
import io.homeward.casemodel.spi.CenterPlugin;
import io.homeward.center.PluginCalls;
import io.homeward.store.internal.audit.PendingAudit;
import io.homeward.store.internal.caserecord.CaseEntity;
import io.homeward.store.internal.caserecord.CaseFilter;
import io.homeward.store.internal.caserecord.CaseRules;
import io.homeward.store.internal.caserecord.NameKeyEntity;
import io.homeward.store.internal.caserecord.NameKeys;
import io.homeward.store.internal.caserecord.PersonEntity;
import io.homeward.store.internal.caserecord.TimelineEventEntity;
import io.homeward.store.internal.cases.IntakeRouting.Route;
import io.homeward.store.internal.db.Database;
import io.homeward.store.internal.db.StoreConfiguration;
import io.homeward.store.internal.security.UserEntity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CaseService} on the case {@link Database}, applying the rules that the centers declare in the
 * {@link CenterRegistry} and the {@link CaseGuard}s they register. Guards are plugin code: they are only ever
 * called through {@link PluginCalls}, and outside any database transaction, so that a slow guard holds neither a
 * connection nor a lock. Every change is one short transaction that locks the case's row when it reads it (see
 * {@link CaseEntity}). Log messages name cases by id and number only: never persons, field values or notes.
 */
// registered as itself, not as CaseService: callers get AuthorizedCaseService, which wraps this
@Component(service = CaseServiceImpl.class, configurationPid = StoreConfiguration.PID)
public class CaseServiceImpl implements CaseService {

    private static final Logger LOG = LoggerFactory.getLogger(CaseServiceImpl.class);
    private static final int NOTE_LENGTH = 20_000;
    /** The width of hw_attachment.filename (V3). */
    private static final int FILENAME_LENGTH = 255;

    private final Database database;
    private final CenterRegistry centers;
    private final PluginCalls pluginCalls;
    private final Clock clock;
    private final long attachmentMaxBytes;
    private final List<RegisteredGuard> guards = new CopyOnWriteArrayList<>();
    /**
     * Counter rows known to exist. Rows are never deleted, so this only saves a round trip per intake; the
     * counters themselves live in the database, shared by every node.
     */
    private final Set<CaseNumberCounter.Key> knownCounters = ConcurrentHashMap.newKeySet();

    @Activate
    public CaseServiceImpl(@Reference Database database, @Reference CenterRegistry centers,
            @Reference PluginCalls pluginCalls, StoreConfiguration config) {
        this(database, centers, pluginCalls, Clock.systemUTC(), config.attachmentMaxBytes());
    }

    public CaseServiceImpl(Database database, CenterRegistry centers, PluginCalls pluginCalls, Clock clock) {
        this(database, centers, pluginCalls, clock, StoreConfiguration.DEFAULT_ATTACHMENT_MAX_BYTES);
    }

    public CaseServiceImpl(Database database, CenterRegistry centers, PluginCalls pluginCalls, Clock clock,
            long attachmentMaxBytes) {
        if (attachmentMaxBytes < 1 || attachmentMaxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("attachmentMaxBytes must be between 1 and 2 GiB, was "
                    + attachmentMaxBytes);
        }
        this.database = database;
        this.centers = centers;
        this.pluginCalls = pluginCalls;
        this.clock = clock;
        this.attachmentMaxBytes = attachmentMaxBytes;
    }

    /** Binds a guard; the plugin that registered it is named in the errors of {@link PluginCalls}. */
    @Reference(service = CaseGuard.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeGuard")
    void addGuard(CaseGuard guard, ServiceReference<CaseGuard> reference) {
        Bundle bundle = reference.getBundle();
        String plugin = bundle == null ? "(unregistered)" : bundle.getSymbolicName() + " " + bundle.getVersion();
        if (reference.getProperty(CenterPlugin.CENTER_PROPERTY) instanceof String centerId) {
            addGuard(centerId, plugin, guard);
        } else {
            LOG.warn("Ignoring a case guard of plugin {}: its service property {} does not name one center", plugin,
                    CenterPlugin.CENTER_PROPERTY);
        }
    }

    /** Binds a guard of the given center, declared by the given plugin (symbolic name and version). */
    void addGuard(String centerId, String plugin, CaseGuard guard) {
        guards.add(new RegisteredGuard(centerId, plugin, guard));
    }

    void removeGuard(CaseGuard guard) {
        guards.removeIf(registered -> registered.guard() == guard);
    }

    @Override
    public Case open(NewCase intake, String actor) {
        return open(intake, actor, opened -> List.of());
    }

    /**
     * Opens a case like {@link #open(NewCase, String)} and persists, in the same transaction, what
     * {@code alsoPersist} makes of the new case (events it appends to the case's timeline, rows that refer to it):
     * the case and they are stored together or not at all.
     */
    public Case open(NewCase intake, String actor, Function<CaseEntity, List<Object>> alsoPersist) {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(actor, "actor");
        Instant now = clock.instant();
        CheckedIntake checked = check(intake, now);
        Center center = checked.center();

        // outside the transaction: creating a sequence's counter row takes a transaction of its own
        ensureCounter(checked.counterKey(now));
        Case opened = transaction(session -> {
            String number = takeNumber(session, checked, now);
            NewCase routed = checked.intake();
            CaseEntity entity = new CaseEntity(UUID.randomUUID(), number, center.id(), routed.country(),
                    checked.category().caseType(), checked.category().id(), checked.workflow().id(),
                    checked.workflow().version(), checked.initial().id(),
                    new RiskAssessment(routed.riskLevel(), routed.riskReason(), actor, now), now);
            List<PersonDetails> persons = routed.persons();
            for (int i = 0; i < persons.size(); i++) {
                entity.addPerson(new PersonEntity(UUID.randomUUID(), i, persons.get(i)));
            }
            entity.fields().putAll(routed.fields());
            if (checked.sharedWith() != null) {
                entity.shareWith(checked.sharedWith());
            }
            entity.enterState(checked.workflow(), checked.initial().id(), now);
            // appended before persist: the insert carries the final state, so the case starts at version 0
            List<TimelineEventEntity> events = new ArrayList<>();
            events.add(entity.appendEvent(now, actor, TimelineEvent.OPENED, null, null, checked.initial().id(),
                    "risk " + routed.riskLevel() + ": " + routed.riskReason()));
            if (checked.routedNote() != null) {
                events.add(entity.appendEvent(now, actor, TimelineEvent.ROUTED, null, null, null,
                        checked.routedNote()));
            }
            List<Object> also = alsoPersist.apply(entity);
            List<NameKeyEntity> nameKeys = entity.nameKeysOfNewPersons();
            session.persist(entity);
            nameKeys.forEach(session::persist);
            events.forEach(session::persist);
            also.forEach(session::persist);
            session.flush();
            return PendingAudit.write(session, entity.toCase());
        });
        LOG.info("Opened case {} ({}) of center {} in state {}{}", opened.number(), opened.id(), opened.centerId(),
                opened.status(), checked.routedNote() == null ? "" : ", " + checked.routedNote());
        return opened;
    }

    /**
     * Checks an intake exactly as {@link #open(NewCase, String)} does (routing, center, category, workflow, fields,
     * persons, the center's guards) and stores nothing: for the bulk import, which checks each record this way and
     * stores many cases per transaction, each numbered by {@link #takeNumber}.
     *
     * @return where the intake goes and under which rules
     * @throws InvalidCaseException listing every problem found
     * @throws PluginFailureException when a guard of the center fails
     */
    public CheckedIntake checkIntake(NewCase intake) {
        Objects.requireNonNull(intake, "intake");
        return check(intake, clock.instant());
    }

    /**
     * Makes sure the sequence that numbers a checked intake opened at {@code openedAt} has its counter row, in a
     * short transaction of its own when it has none yet, so that {@link #takeNumber} needs no second connection.
     */
    public void prepareNumber(CheckedIntake checked, Instant openedAt) {
        ensureCounter(checked.counterKey(openedAt));
    }

    /**
     * Takes the next number of the sequence that numbers a checked intake opened at {@code openedAt} (its center's,
     * or a hub's for the country; the year of {@code openedAt} in the owning center's time zone), in the caller's
     * transaction and as {@link #open(NewCase, String)} does: under the row lock of the sequence's counter, held
     * until that transaction ends, so that numbers stay unique across nodes and a rollback gives its numbers back.
     * Taking several numbers of one sequence in one transaction locks its row once. A sequence used for the first
     * time gets its counter row in a short transaction of its own, on another connection: callers that hold a
     * transaction open call {@link #prepareNumber} before it.
     *
     * @return the case number, formatted by the center's scheme
     */
    public String takeNumber(Session session, CheckedIntake checked, Instant openedAt) {
        CaseNumberCounter.Key key = checked.counterKey(openedAt);
        ensureCounter(key);
        // the row lock serialises intakes of one sequence, across nodes sharing the database
        CaseNumberCounter counter = session.find(CaseNumberCounter.class, key, LockModeType.PESSIMISTIC_WRITE);
        return checked.route.numbers().format(key.year(), counter.next());
    }

    /**
     * Routes an intake (see {@link IntakeRouting}) and checks it against the declaration and the guards of the
     * center that will own the case, collecting every problem.
     *
     * @param now the moment of the intake, which decides the dates of birth it may give
     * @return what the checks looked up
     * @throws InvalidCaseException listing every problem found
     */
    private CheckedIntake check(NewCase intake, Instant now) {
        List<Violation> violations = new ArrayList<>();
        Route route = IntakeRouting.route(intake, centers, violations);
        Center center = route == null ? null : route.center();
        NewCase routed = route == null ? intake : route.intake();
        CaseCategory category = null;
        Workflow workflow = null;
        if (center != null) {
            category = center.category(routed.category()).orElse(null);
            if (category == null) {
                violations.add(new Violation("category", routed.category() + " is not a category of center "
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
        CaseRules.checkLength(intake.riskReason(), "riskReason", CaseRules.TEXT_LENGTH, violations);
        if (intake.country() != null && !Countries.isCode(intake.country())) {
            violations.add(new Violation("country", intake.country() + " is not an ISO 3166-1 alpha-2 country code"));
        }
        if (center != null) {
            // no person has an id before the case is stored: a person field cannot be set at intake
            CaseRules.checkFieldValues(center, routed.fields(), Set.of(), violations);
            CaseRules.checkRequiredAtIntake(route.requiredAtIntake(), routed.country(), routed.fields(), violations);
        }
        for (int i = 0; i < intake.persons().size(); i++) {
            CaseRules.checkPerson(intake.persons().get(i), "persons[" + i + "].", now, violations);
        }
        if (intake.persons().stream().noneMatch(p -> p.role() == PersonRole.CHILD)) {
            violations.add(new Violation("persons", "a case needs at least one person with role CHILD"));
        }
        WorkflowState initial = workflow == null ? null : initialState(center, workflow);
        if (initial != null) {
            CaseRules.checkRequiredFields(initial, routed.fields(), violations);
        }
        if (center != null) {
            violations.addAll(checkGuards(center.id(), "CaseGuard.checkIntake", guard -> guard.checkIntake(routed)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        return new CheckedIntake(route, category, workflow, initial);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Not scoped to a viewer: whoever holds a case id may read it. Need-to-know authorization of single reads
     * belongs here, the one place every read of a case by id goes through, when the API gains a viewer for it.
     */
    @Override
    public Optional<Case> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return transaction(session -> Optional.ofNullable(session.find(CaseEntity.class, id)).map(CaseEntity::toCase));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Indexed queries only: with a name, the spellings that sound like its words (see {@link CaseFilter}); the
     * matches' ids up to the cap (cheaper than counting a million rows); the page's ids in order, then its cases;
     * with a name, the name keys of the page's persons, which say how each case matched.
     */
    @Override
    public CasePage search(CaseQuery query) {
        return search(query, null, true);
    }

    /**
     * The best matches of a name without their total, for duplicate detection: a case with a person born on the day
     * ranks one word better, so that the few best candidates are the page's first rather than among every match
     * read and scored in Java; and nothing is counted.
     *
     * @param sameBirth a date of birth to prefer, or null
     * @param weight what a person born that day adds to a case's score (a word spelt the same adds 3)
     * @return the page; its total is only the page's own size
     */
    public CasePage bestMatches(CaseQuery query, LocalDate sameBirth, int weight) {
        Objects.requireNonNull(query, "query");
        return search(query, filter -> filter.rankSameBirth(sameBirth, weight), false);
    }

    private CasePage search(CaseQuery query, Consumer<CaseFilter> ranking, boolean count) {
        Instant now = clock.instant();
        return transaction(session -> {
            CaseFilter filter = new CaseFilter(query, centers, now, session);
            if (ranking != null) {
                ranking.accept(filter);
            }
            String order = CaseFilter.orderBy(query.order());
            if (filter.rank() != null) {
                order = " order by " + filter.rank() + "," + order.substring(" order by".length());
            }
            // the page's ids first, then its cases: ordering every match needs only what the order is by, which
            // an index can hold (hw_case_number_ix holds the opening time and id of a number), rather than every
            // match's whole row
            List<UUID> ids = filter.bindRanked(session.createSelectionQuery("select c.id" + filter.from() + order,
                    UUID.class)).setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
            List<Case> cases = session.findMultiple(CaseEntity.class, ids).stream().map(CaseEntity::toCase).toList();
            // a page that is not full holds the last matches: they need no counting
            boolean last = ids.size() < query.limit() && (query.offset() == 0 || !ids.isEmpty());
            int counted = !count || last ? query.offset() + cases.size() : count(session, filter);
            return new CasePage(cases, Math.min(counted, CasePage.COUNT_CAP), counted > CasePage.COUNT_CAP,
                    matches(session, filter, cases));
        });
    }

    /**
     * @return how many cases match, counted up to one more than {@link CasePage#COUNT_CAP}: a range of case numbers
     *     by the database, which reads hw_case_number_ix in order and stops at the cap (a derived table is limited
     *     only in an order); any other search by reading the ids, since in any order the database would have to
     *     sort every match first
     */
    private static int count(Session session, CaseFilter filter) {
        if (filter.numberSearch()) {
            return filter.bind(session.createSelectionQuery("select count(*) from (select c.id as id" + filter.from()
                    + " order by c.number limit " + (CasePage.COUNT_CAP + 1) + ") x", Long.class)).getSingleResult()
                    .intValue();
        }
        return filter.bind(session.createSelectionQuery("select c.id" + filter.from(), UUID.class))
                .setMaxResults(CasePage.COUNT_CAP + 1).getResultList().size();
    }

    /** @return how each case of a page answered the text of its search; empty for a search without text */
    private static List<SearchMatch> matches(Session session, CaseFilter filter, List<Case> cases) {
        if (filter.numberSearch()) {
            // above any name match, whose score is at most 3 per word
            return cases.stream().map(c -> new SearchMatch(c.id(), null, MatchReason.CASE_NUMBER, 100)).toList();
        }
        if (filter.words().isEmpty() || cases.isEmpty()) {
            return List.of();
        }
        List<UUID> personIds = cases.stream().flatMap(c -> c.persons().stream()).map(Person::id).toList();
        Map<UUID, List<NameKeyEntity>> keysByPerson = personIds.isEmpty() ? Map.of()
                : session.createSelectionQuery("from NameKeyEntity k where k.personId in :ids", NameKeyEntity.class)
                        .setParameter("ids", personIds).getResultList().stream()
                        .collect(Collectors.groupingBy(NameKeyEntity::personId));
        List<SearchMatch> matches = new ArrayList<>();
        for (Case c : cases) {
            SearchMatch best = new SearchMatch(c.id(), null, MatchReason.SOUNDS_ALIKE, 0);
            for (Person person : c.persons()) {
                NameKeys.Match match = NameKeys.match(filter.words(),
                        NameKeys.words(keysByPerson.getOrDefault(person.id(), List.of())));
                if (match != null && (best.personId() == null || match.score() > best.score())) {
                    best = new SearchMatch(c.id(), person.id(), MatchReason.valueOf(match.reason().name()),
                            match.score());
                }
            }
            matches.add(best);
        }
        return matches;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counted by the database: one grouped query for the totals, the open cases and the three breakdowns
     * (a group per country, type and status, a few dozen rows), one count for the overdue cases.
     */
    @Override
    public CaseStatistics statistics(CaseQuery query) {
        Objects.requireNonNull(query, "query");
        Instant now = clock.instant();
        return transaction(session -> {
            CaseFilter filter = new CaseFilter(query, centers, now, session);
            // overdue among cases that are not overdue: none
            CaseFilter overdueFilter = Boolean.FALSE.equals(query.overdue()) ? null
                    : new CaseFilter(query.withOverdue(true), centers, now, session);
            List<Object[]> groups = filter.bind(session.createSelectionQuery("select c.country, c.type, c.status,"
                    + " count(c), sum(case when c.closedAt is null then 1 else 0 end)"
                    + filter.from() + " group by c.country, c.type, c.status", Object[].class)).getResultList();
            long overdue = overdueFilter == null ? 0 : overdueFilter.bind(session.createSelectionQuery(
                    "select count(c)" + overdueFilter.from(), Long.class)).getSingleResult();
            long total = 0;
            long open = 0;
            Map<String, Long> byCountry = new TreeMap<>();
            Map<CaseType, Long> byType = new TreeMap<>();
            Map<String, Long> byStatus = new TreeMap<>();
            for (Object[] group : groups) {
                long count = ((Number) group[3]).longValue();
                total += count;
                open += ((Number) group[4]).longValue();
                byCountry.merge((String) group[0], count, Long::sum);
                byType.merge((CaseType) group[1], count, Long::sum);
                byStatus.merge((String) group[2], count, Long::sum);
            }
            return new CaseStatistics(total, open, overdue, byCountry, byType, byStatus);
        });
    }

    @Override
    public Case perform(UUID id, String action, long expectedVersion, Map<String, String> fields, String note,
            String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(actor, "actor");
        // checked on what the caller saw, outside a transaction: the guards may take their time
        Case before = current(id, expectedVersion);
        Center center = centerOf(before);
        Workflow workflow = workflowOf(center, before);

        List<Violation> violations = new ArrayList<>();
        WorkflowAction step = workflow.action(action, before.status()).orElse(null);
        WorkflowState target = null;
        if (step == null) {
            violations.add(new Violation("action", notAllowed(action, before.status(), workflow)));
        } else {
            target = workflow.state(step.to()).orElseThrow(() -> new CaseException("action " + action
                    + " of workflow " + workflow.id() + " leads to undeclared state " + step.to()));
        }
        CaseRules.checkFieldValues(center, fields,
                before.persons().stream().map(Person::id).collect(Collectors.toSet()), violations);
        if (target != null) {
            Map<String, String> after = new HashMap<>(before.fields());
            after.putAll(fields);
            CaseRules.checkRequiredFields(target, after, violations);
        }
        violations.addAll(checkGuards(center.id(), "CaseGuard.checkAction",
                guard -> guard.checkAction(before, action, fields)));
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }

        WorkflowState entered = target;
        Case result = change(id, expectedVersion, (entity, now) -> {
            entity.fields().putAll(fields);
            entity.moveTo(entered.id(), entered.terminal(), now);
            entity.enterState(workflow, entered.id(), now);
            return entity.appendEvent(now, actor, TimelineEvent.ACTION, action, before.status(), entered.id(), note);
        });
        LOG.info("Case {} ({}): action {} led to state {}", result.number(), result.id(), action, result.status());
        return result;
    }

    @Override
    public int migrate(String centerId, String workflowId, int fromVersion, String actor) {
        Objects.requireNonNull(centerId, "centerId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(actor, "actor");
        Center center = centers.center(centerId).orElseThrow(() -> new InvalidCaseException("centerId",
                "no installed center plugin declares center " + centerId));
        Workflow current = center.currentWorkflow(workflowId).orElseThrow(() -> new InvalidCaseException(
                "workflowId", "center " + centerId + " declares no workflow " + workflowId));
        WorkflowMigration migration = current.migrationFrom(fromVersion).orElseThrow(() -> new InvalidCaseException(
                "fromVersion", "version " + current.version() + " of workflow " + workflowId + " of center "
                        + centerId + " declares no migration from version " + fromVersion));
        Instant now = clock.instant();
        String note = "workflow v" + fromVersion + " → v" + current.version();
        int moved = transaction(session -> {
            List<CaseEntity> cases = session.createSelectionQuery("from CaseEntity c where c.centerId = :center"
                    + " and c.workflowId = :workflow and c.workflowVersion = :version and c.closedAt is null"
                    + " order by c.id", CaseEntity.class)
                    .setParameter("center", centerId).setParameter("workflow", workflowId)
                    .setParameter("version", fromVersion).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            Set<String> unmapped = new TreeSet<>();
            for (CaseEntity entity : cases) {
                if (current.state(migration.target(entity.status())).isEmpty()) {
                    unmapped.add(entity.status() + " → " + migration.target(entity.status()));
                }
            }
            if (!unmapped.isEmpty()) {
                throw new InvalidCaseException("fromVersion", "the migration from version " + fromVersion
                        + " leads open cases to states that version " + current.version() + " does not declare: "
                        + join(List.copyOf(unmapped)));
            }
            List<TimelineEventEntity> events = new ArrayList<>();
            for (CaseEntity entity : cases) {
                String from = entity.status();
                WorkflowState to = current.state(migration.target(from)).orElseThrow();
                entity.migrate(current.version());
                entity.moveTo(to.id(), to.terminal(), now);
                entity.enterState(current, to.id(), now);
                events.add(entity.appendEvent(now, actor, TimelineEvent.MIGRATED, null, from, to.id(), note));
            }
            events.forEach(session::persist);
            session.flush();
            return PendingAudit.write(session, cases.size());
        });
        LOG.info("Migrated {} open cases of center {} from workflow {} v{} to v{}", moved, centerId, workflowId,
                fromVersion, current.version());
        return moved;
    }

    @Override
    public List<TimelineEvent> timeline(UUID id) {
        Objects.requireNonNull(id, "id");
        return ofCase(id, TimelineEventEntity.class, "index", TimelineEventEntity::toEvent);
    }

    @Override
    public Case updateFields(UUID id, long expectedVersion, Map<String, String> fields, String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(actor, "actor");
        Case before = current(id, expectedVersion);
        Center center = centerOf(before);
        Workflow workflow = workflowOf(center, before);
        List<Violation> violations = new ArrayList<>();
        if (fields.isEmpty()) {
            violations.add(new Violation("fields", "name at least one field to change"));
        }
        CaseRules.checkFieldValues(center, fields,
                before.persons().stream().map(Person::id).collect(Collectors.toSet()), violations);
        Map<String, String> after = new HashMap<>(before.fields());
        fields.forEach((field, value) -> {
            if (value == null) {
                after.remove(field);
            } else {
                after.put(field, value);
            }
        });
        workflow.state(before.status()).ifPresent(state -> CaseRules.checkRequiredFields(state, after, violations));
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        // the ids of the fields, never their values: the timeline says what changed, the case says to what
        String changed = join(new TreeSet<>(fields.keySet()).stream().toList());
        Case result = change(id, expectedVersion, (entity, now) -> {
            entity.fields().clear();
            entity.fields().putAll(after);
            return entity.appendEvent(now, actor, TimelineEvent.FIELDS_UPDATED, null, null, null, changed);
        });
        LOG.info("Case {} ({}): fields updated", result.number(), result.id());
        return result;
    }

    @Override
    public Case assign(UUID id, long expectedVersion, String assignee, String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        List<Violation> violations = new ArrayList<>();
        if (assignee != null && assignee.isBlank()) {
            violations.add(new Violation("assignee", "name a user, or send null to unassign the case"));
        }
        CaseRules.checkLength(assignee, "assignee", CaseRules.USER_LENGTH, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        current(id, expectedVersion);
        Case result = change(id, expectedVersion, (entity, now) -> {
            entity.assignTo(assignee);
            return entity.appendEvent(now, actor, TimelineEvent.ASSIGNED, null, null, null, assignee);
        });
        LOG.info("Case {} ({}): {}", result.number(), result.id(), assignee == null ? "unassigned" : "assigned");
        return result;
    }

    @Override
    public Case addPerson(UUID id, long expectedVersion, PersonDetails person, String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(actor, "actor");
        List<Violation> violations = new ArrayList<>();
        CaseRules.checkPerson(person, "", clock.instant(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        current(id, expectedVersion);
        Case result = change(id, expectedVersion, (entity, now) -> {
            entity.addPerson(new PersonEntity(UUID.randomUUID(), entity.personCount(), person));
            return entity.appendEvent(now, actor, TimelineEvent.PERSON_ADDED, null, null, null,
                    person.role().name());
        });
        LOG.info("Case {} ({}): person added", result.number(), result.id());
        return result;
    }

    @Override
    public Note addNote(UUID id, String text, String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        List<Violation> violations = new ArrayList<>();
        if (text == null || text.isBlank()) {
            violations.add(new Violation("text", "write the note; it is empty"));
        }
        CaseRules.checkLength(text, "text", NOTE_LENGTH, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        Note note = transaction(session -> {
            existingCase(session, id);
            NoteEntity entity = new NoteEntity(id, actor, clock.instant(), text);
            session.persist(entity);
            return PendingAudit.write(session, entity.toNote());
        });
        LOG.info("Case {}: note {} written", id, note.id());
        return note;
    }

    @Override
    public List<Note> notes(UUID id) {
        Objects.requireNonNull(id, "id");
        return ofCase(id, NoteEntity.class, "writtenAt, x.id", NoteEntity::toNote);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The content is read before the transaction starts, so that a slow upload holds no connection; it is held
     * in memory, which the size limit bounds.
     */
    @Override
    public Attachment attach(UUID id, String filename, String declaredType, long declaredSize, InputStream content,
            String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(actor, "actor");
        // no folders, and no control or format characters: a CR or LF would break a header that names the file,
        // a right-to-left override would show "photo\u202Egnp.exe" as "photoexe.png"
        String plain = filename == null ? "" : filename.replaceAll("[\\p{Cc}\\p{Cf}]", "");
        String name = plain.substring(Math.max(plain.lastIndexOf('/'), plain.lastIndexOf('\\')) + 1).strip();
        List<Violation> violations = new ArrayList<>();
        if (name.isEmpty()) {
            violations.add(new Violation("filename", "give the file's name"));
        }
        CaseRules.checkLength(name, "filename", FILENAME_LENGTH, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCaseException(violations);
        }
        if (declaredSize > attachmentMaxBytes) {
            throw tooLarge();
        }
        if (find(id).isEmpty()) {
            throw new CaseNotFoundException(id);
        }
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) attachmentMaxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload broke off; nothing was stored", e);
        }
        if (bytes.length > attachmentMaxBytes) {
            throw tooLarge();
        }
        String detected = MediaTypes.detect(bytes).orElseThrow(() -> new AttachmentRefusedException(
                AttachmentRefusedException.Reason.UNSUPPORTED_CONTENT, bytes.length == 0 ? "the file is empty"
                        : "the file is none of the accepted types (" + join(AttachmentRefusedException.ACCEPTED_TYPES)
                        + "), judged by its content"));
        String declared = MediaTypes.declared(declaredType);
        if (declared != null && !declared.equals(detected)) {
            throw new AttachmentRefusedException(AttachmentRefusedException.Reason.TYPE_MISMATCH, "the file was "
                    + "declared as " + declared + " but its content is " + detected + "; send it with Content-Type "
                    + detected);
        }
        Attachment attachment = new Attachment(UUID.randomUUID(), id, name, detected, bytes.length, sha256(bytes),
                actor, clock.instant());
        transaction(session -> {
            existingCase(session, id);
            session.persist(new AttachmentEntity(attachment));
            session.persist(new AttachmentContentEntity(attachment.id(), bytes));
            return PendingAudit.write(session, attachment);
        });
        LOG.info("Case {}: attachment {} stored ({}, {} bytes)", id, attachment.id(), detected, bytes.length);
        return attachment;
    }

    @Override
    public List<Attachment> attachments(UUID id) {
        Objects.requireNonNull(id, "id");
        return ofCase(id, AttachmentEntity.class, "uploadedAt, x.id", AttachmentEntity::toAttachment);
    }

    @Override
    public Optional<AttachmentContent> attachmentContent(UUID id, UUID attachmentId) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attachmentId, "attachmentId");
        return transaction(session -> {
            existingCase(session, id);
            AttachmentEntity attachment = session.find(AttachmentEntity.class, attachmentId);
            if (attachment == null || !attachment.caseId().equals(id)) {
                return Optional.empty();
            }
            return Optional.of(new AttachmentContent(attachment.toAttachment(),
                    session.find(AttachmentContentEntity.class, attachmentId).content()));
        });
    }

    /**
     * @return the case as the caller based a change on, read outside a transaction for checks that may take time
     * @throws CaseNotFoundException when no case has this id
     * @throws StaleCaseException when it is no longer at {@code expectedVersion}
     */
    private Case current(UUID id, long expectedVersion) {
        Case found = find(id).orElseThrow(() -> new CaseNotFoundException(id));
        if (found.version() != expectedVersion) {
            throw new StaleCaseException(found.number(), expectedVersion, found.version());
        }
        return found;
    }

    /** @return the center of a case, which must be installed for the case to change by its rules */
    private Center centerOf(Case c) {
        return centers.center(c.centerId()).orElseThrow(() -> new CaseException("case " + c.number()
                + " belongs to center " + c.centerId() + ", whose plugin is not installed; its cases are read-only"
                + " until the plugin is installed again"));
    }

    /** @return the workflow version a case runs under, which its center must still declare */
    private static Workflow workflowOf(Center center, Case c) {
        return center.workflow(c.workflowId(), c.workflowVersion()).orElseThrow(() -> new CaseException("case "
                + c.number() + " runs under workflow " + c.workflowId() + " version " + c.workflowVersion()
                + ", which center " + center.id() + " no longer declares; the case is read-only until it is migrated"));
    }

    /**
     * Changes one case in one transaction, under the lock of its row, unless it is no longer at
     * {@code expectedVersion}; the work changes the entity and returns the timeline event that records it.
     *
     * @return the case after the change
     */
    private Case change(UUID id, long expectedVersion, BiFunction<CaseEntity, Instant, TimelineEventEntity> work) {
        return transaction(session -> {
            CaseEntity entity = lockedCase(session, id);
            // the same version means the same case as the caller checked: every change of a case bumps it
            if (entity.version() != expectedVersion) {
                throw new StaleCaseException(entity.number(), expectedVersion, entity.version());
            }
            session.persist(work.apply(entity, clock.instant()));
            entity.nameKeysOfNewPersons().forEach(session::persist);
            session.flush();
            return PendingAudit.write(session, entity.toCase());
        });
    }

    /**
     * @param entity an entity with a {@code caseId}: what is appended beside a case (timeline, notes, attachments)
     * @param order the HQL ordering of alias {@code x}, without its first {@code x.}
     * @return what the case has of that entity, in that order, as the API sees it
     * @throws CaseNotFoundException when no case has this id
     */
    private <E, T> List<T> ofCase(UUID id, Class<E> entity, String order, Function<E, T> toApi) {
        return transaction(session -> {
            existingCase(session, id);
            return session.createSelectionQuery("from " + entity.getSimpleName() + " x where x.caseId = :id order by x."
                    + order, entity).setParameter("id", id).getResultList().stream().map(toApi).toList();
        });
    }

    /** @throws CaseNotFoundException when no case has this id */
    private static void existingCase(Session session, UUID id) {
        if (session.find(CaseEntity.class, id) == null) {
            throw new CaseNotFoundException(id);
        }
    }

    private AttachmentRefusedException tooLarge() {
        return new AttachmentRefusedException(AttachmentRefusedException.Reason.TOO_LARGE, "the file is larger than "
                + attachmentMaxBytes + " bytes, the most an attachment may have; send a smaller file (e.g. a"
                + " compressed scan)");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return the subject of the user, when the user exists and is enabled */
    Optional<Subject> enabledUser(String username) {
        UserEntity user = database.inTransaction(session -> session.find(UserEntity.class, username));
        return user == null || user.disabled() ? Optional.empty() : Optional.of(user.toUser().subject());
    }

    /** @return the case, its row locked until the transaction ends */
    public static CaseEntity lockedCase(Session session, UUID id) {
        CaseEntity entity = session.find(CaseEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new CaseNotFoundException(id);
        }
        return entity;
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
     * Asks the guards of one center, each through {@link PluginCalls}: a guard that throws, hangs or answers
     * nothing (null, against its contract) refuses the request with the {@link PluginFailureException} of
     * PluginCalls, which names its plugin and records the fault, and fails nothing else.
     */
    private List<Violation> checkGuards(String centerId, String hook, Function<CaseGuard, List<Violation>> check) {
        List<Violation> found = new ArrayList<>();
        for (RegisteredGuard registered : guards) {
            if (registered.centerId().equals(centerId)) {
                found.addAll(pluginCalls.call(centerId, hook, registered.plugin(), () -> Objects.requireNonNull(
                        check.apply(registered.guard()), "the guard answered null instead of a list of violations")));
            }
        }
        return found;
    }

    /**
     * Runs one transaction and turns what the database or Hibernate throws into what the API promises:
     * {@link CaseException}s pass through, anything else becomes a {@link CaseException} whose message carries
     * nothing of the case.
     */
    private <T> T transaction(Function<Session, T> work) {
        return transaction(database, work);
    }

    /** {@link #transaction(Function)} on the given database, for the other services of the store. */
    public static <T> T transaction(Database database, Function<Session, T> work) {
        try {
            return database.inTransaction(work);
        } catch (CaseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private static CaseException failure(RuntimeException e) {
        if (e instanceof OptimisticLockException || e instanceof StaleStateException) {
            // two changes of one row met at commit (the row lock makes it rare): the caller lost the race
            LOG.info("A change lost a race at commit: {}", e.getClass().getName());
            return new CaseException("the case was changed by someone else at the same moment; reload it and try"
                    + " again", e);
        }
        // the database's own message may quote values; log the kind of failure only, keep the cause for callers
        LOG.error("Case store failure: {}{}", e.getClass().getName(),
                e instanceof JDBCException jdbc ? " (SQL state " + jdbc.getSQLState() + ")" : "");
        return new CaseException("the case store could not complete the request; try again later", e);
    }

    private static String join(List<String> ids) {
        return String.join(", ", ids);
    }

    /**
     * An intake that passed every check of {@link #open(NewCase, String)}, and what the checks looked up: the center
     * that will own the case, the intake as that center receives it, its category, and the current version of the
     * category's workflow with its initial state. Immutable.
     */
    public static final class CheckedIntake {

        private final Route route;
        private final CaseCategory category;
        private final Workflow workflow;
        private final WorkflowState initial;

        CheckedIntake(Route route, CaseCategory category, Workflow workflow, WorkflowState initial) {
            this.route = route;
            this.category = category;
            this.workflow = workflow;
            this.initial = initial;
        }

        /** @return the center that will own the case: the intake's, or a national center a hub routes it to */
        public Center center() {
            return route.center();
        }

        /** @return the intake as the owning center receives it: its id, one of its categories, and the country */
        public NewCase intake() {
            return route.intake();
        }

        public CaseCategory category() {
            return category;
        }

        /** @return the current version of the category's workflow */
        public Workflow workflow() {
            return workflow;
        }

        public WorkflowState initial() {
            return initial;
        }

        /** @return the center the case is shared with from the start, or null */
        public String sharedWith() {
            return route.sharedWith();
        }

        /** @return what the timeline says about the routing, or null when the intake was not routed */
        public String routedNote() {
            return route.routedNote();
        }

        /** @return the sequence a case opened at that moment takes its number from */
        CaseNumberCounter.Key counterKey(Instant openedAt) {
            return new CaseNumberCounter.Key(center().id(), route.numberScope(),
                    openedAt.atZone(center().timeZone()).getYear());
        }
    }

    /** A guard service, the center it belongs to and the plugin (symbolic name and version) that registered it. */
    private record RegisteredGuard(String centerId, String plugin, CaseGuard guard) {
    }
}
