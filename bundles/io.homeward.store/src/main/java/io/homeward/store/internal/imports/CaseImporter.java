package io.homeward.store.internal.imports;

import io.homeward.casemodel.CaseException;
import io.homeward.casemodel.InvalidCaseException;
import io.homeward.casemodel.InvalidCaseException.Violation;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.RiskAssessment;
import io.homeward.casemodel.TimelineEvent;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.WorkflowState;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseChanges;
import io.homeward.store.internal.caserecord.CaseEntity;
import io.homeward.store.internal.caserecord.CaseRules;
import io.homeward.store.internal.caserecord.NameKeyEntity;
import io.homeward.store.internal.caserecord.PersonEntity;
import io.homeward.store.internal.caserecord.TimelineEventEntity;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.cases.CaseServiceImpl.CheckedIntake;
import io.homeward.store.internal.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a center's legacy records in bulk: one JSON line per case ({@link ImportRecord}, docs/import.md), each
 * checked exactly as an intake is ({@link CaseServiceImpl#checkIntake}: routing, category, fields, persons, the
 * center's guards) and against its own facts (the state it is in must be a state of the workflow, with that state's
 * required fields; a closed case needs its closing time and only a closed case has one; no date in the future or a
 * case closed before it opened). A line that fails is refused with its number and every reason, and nothing of it
 * is stored.
 *
 * <p>Good lines are stored in batches, one transaction each: per case the case row with its persons, fields and
 * share, their name keys, a number of the owning center's scheme ({@link CaseServiceImpl#takeNumber}), its timeline
 * ({@link TimelineEvent#OPENED} at the record's opening time, in the state the record is in, its note naming the
 * record, file and line and when it was imported; {@link TimelineEvent#ROUTED} when a hub routed it) and its row in
 * {@code hw_case_import}, and one {@value #AUDIT_ACTION} audit row per case;
 * a case and everything of it commit together or not at all. Imported cases start no SLA timers: when the legacy
 * case entered its state is not known, and timers started at the opening time would escalate every old case at
 * once; a case's SLAs start when it next enters their start state, as any case's do.
 *
 * <p><b>Resumable.</b> A record's external reference is unique per importing center (the primary key of {@code
 * hw_case_import}, written with the case): run the same file again after an interruption, even {@code kill -9}, and
 * the lines an earlier run imported are skipped and counted as such; a reference that comes twice in one file is
 * refused the second time. A line that was imported is never imported again, even when it has changed since.
 *
 * <p><b>Speed.</b> Reading, checking and making name keys (the costly part: ICU transliteration) run on all cores
 * while the previous batch is written; one batch is written at a time, in file order, so numbers follow the file.
 * Log messages name lines and counts, never what a line holds.
 */
@Component(service = CaseImporter.class)
public final class CaseImporter {

    /** The audit action recorded for every imported case. */
    public static final String AUDIT_ACTION = "CASE_IMPORTED";
    /** Cases per transaction, by default. */
    public static final int DEFAULT_BATCH = 500;
    /** The most refused lines a summary lists; more are counted. */
    public static final int MAX_LISTED_REFUSALS = 10_000;

    /**
     * The tables an import fills: their statistics are counted anew after it. All of them, not only those searches
     * filter by: a page of cases loads its fields, persons and timeline by case id, and a table still planned as empty
     * is read whole for it (hw_case_field at a million cases: 260 ms for the 50 cases of a page, instead of 0.5 ms).
     */
    private static final List<String> FILLED_TABLES = List.of("hw_case", "hw_case_field", "hw_person", "hw_name_key",
            "hw_timeline_event", "hw_audit", "hw_case_import");
    private static final Logger LOG = LoggerFactory.getLogger(CaseImporter.class);

    private final Database database;
    private final CaseServiceImpl cases;
    private final CenterRegistry centers;
    private final AuditLog audit;
    private final Clock clock;
    private final int batchSize;
    private final int threads;

    @Activate
    public CaseImporter(@Reference Database database, @Reference CaseServiceImpl cases,
            @Reference CenterRegistry centers, @Reference AuditLog audit) {
        this(database, cases, centers, audit, Clock.systemUTC(), DEFAULT_BATCH,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param batchSize cases per transaction, at least 1
     * @param threads threads that read and check lines, at least 1
     */
    public CaseImporter(Database database, CaseServiceImpl cases, CenterRegistry centers, AuditLog audit,
            Clock clock, int batchSize, int threads) {
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batchSize and threads must be at least 1");
        }
        this.database = database;
        this.cases = cases;
        this.centers = centers;
        this.audit = audit;
        this.clock = clock;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /**
     * Imports the records of a file for a center, to its end or until interrupted. Runs in the calling thread
     * (with helpers of its own); interrupting that thread, or {@code progress} throwing, stops the import once the
     * batch being written has committed, and the summary says so (the thread's interrupt flag stays set).
     *
     * @param centerId the center whose legacy records these are: a line's intake is for it unless the line names
     *     it itself (then it must be this one), and the external references are unique for it
     * @param in the file, UTF-8, one JSON object per line; read to its end or to the interruption, not closed
     * @param source how the file is named in the cases' timeline and audit rows (its file name)
     * @param actor who imports: the timeline, the risk assessments and the audit rows name them
     * @param progress told after every batch, in the calling thread
     * @return what was imported, skipped and refused, never null
     * @throws InvalidCaseException when no installed center plugin declares the center
     * @throws IOException when the file cannot be read; what was written before stays and a new run resumes
     */
    public ImportSummary importCases(String centerId, InputStream in, String source, String actor,
            Consumer<ImportProgress> progress) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(progress, "progress");
        Center center = centers.center(Objects.requireNonNull(centerId, "centerId")).orElseThrow(() ->
                new InvalidCaseException("center", "no installed center plugin declares center " + centerId));
        Run run = new Run(center, source, actor, new ImportLines(in, ImportRecord.MAX_LINE_BYTES));
        try {
            return run.all(progress);
        } finally {
            run.close();
        }
    }

    /** One import of one file: its counts, refusals and helper threads. */
    private final class Run {

        private final UUID id = UUID.randomUUID();
        private final TimeOrderedIds ids = new TimeOrderedIds();
        private final Center center;
        private final String source;
        private final String actor;
        private final ImportLines lines;
        private final long start = System.nanoTime();
        private final ExecutorService workers;
        private final ExecutorService writer;
        /** References of lines refused so far: a later line with the same one is a duplicate. */
        private final Map<String, Integer> refusedReferences = new HashMap<>();
        /** References of the batch being written, by line. */
        private Map<String, Integer> writing = Map.of();
        private final List<ImportSummary.Refusal> refusals = new ArrayList<>();
        private long read;
        private long imported;
        private long skipped;
        private long refused;
        private String stopped;

        Run(Center center, String source, String actor, ImportLines lines) {
            this.center = center;
            this.source = source;
            this.actor = actor;
            this.lines = lines;
            this.workers = Executors.newFixedThreadPool(threads, named("homeward-import-check"));
            this.writer = Executors.newSingleThreadExecutor(named("homeward-import-write"));
        }

        ImportSummary all(Consumer<ImportProgress> progress) throws IOException {
            LOG.info("Import {} for center {} from {} started", id, center.id(), source);
            Future<Integer> written = null;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    List<ImportLines.Line> batch = readBatch();
                    if (batch.isEmpty()) {
                        break;
                    }
                    // checked while the previous batch is written
                    List<Item> items = check(batch);
                    if (written != null) {
                        boolean ok = finish(written);
                        written = null;
                        if (!ok || !report(progress) || Thread.currentThread().isInterrupted()) {
                            break;
                        }
                    }
                    List<Item> good = items.stream().filter(Item::toWrite).toList();
                    writing = good.stream().collect(Collectors.toMap(i -> i.record.externalReference(),
                            i -> i.line.number()));
                    if (!good.isEmpty()) {
                        written = writer.submit(() -> write(good));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (written != null) {
                    finish(written);
                }
            }
            if (stopped == null && Thread.currentThread().isInterrupted()) {
                stopped = "interrupted; run the import again to import the rest";
            }
            ImportProgress counts = counts();
            // not after an interruption: a thread with its interrupt flag set makes H2's file channel fail; the run
            // that imports the rest counts anew
            if (stopped == null && counts.imported() > 0) {
                long start = System.nanoTime();
                database.analyze(FILLED_TABLES);
                LOG.info("Import {}: the database's statistics of {} counted anew in {} ms", id, FILLED_TABLES,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            LOG.info("Import {} for center {} {}: {}", id, center.id(), stopped == null ? "finished" : "stopped",
                    counts.describe());
            return new ImportSummary(counts, refusals, refused - refusals.size(), stopped);
        }

        /**
         * Waits for the batch being written, interrupted or not (a batch is short, and its outcome decides the
         * counts); false when it failed, and the import stops.
         */
        private boolean finish(Future<Integer> written) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        imported += written.get();
                        return true;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        LOG.error("Import {} for center {}: the batch of lines {} could not be written ({}{}); the"
                                + " import stops", id, center.id(), firstAndLast(), cause.getClass().getName(),
                                cause instanceof JDBCException jdbc ? ", SQL state " + jdbc.getSQLState() : "");
                        stopped = "the database refused the batch of lines " + firstAndLast() + " ("
                                + rootMessage(cause) + "); nothing of that batch was stored; run the import again"
                                + " to resume";
                        return false;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Tells the listener; false when it threw, and the import stops. */
        private boolean report(Consumer<ImportProgress> progress) {
            try {
                progress.accept(counts());
                return true;
            } catch (RuntimeException e) {
                stopped = "stopped: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                return false;
            }
        }

        private String firstAndLast() {
            return writing.values().stream().mapToInt(Integer::intValue).min().orElse(0) + "–"
                    + writing.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        private ImportProgress counts() {
            return new ImportProgress(read, imported, skipped, refused, Duration.ofNanos(System.nanoTime() - start));
        }

        private List<ImportLines.Line> readBatch() throws IOException {
            List<ImportLines.Line> batch = new ArrayList<>(batchSize);
            ImportLines.Line line;
            while (batch.size() < batchSize && (line = lines.next()) != null) {
                batch.add(line);
            }
            read += batch.size();
            return batch;
        }

        /**
         * Reads and checks a batch: each line read (in parallel), then the duplicates and the lines imported before
         * (in order, one query), then the intake checks and name keys (in parallel). Counts the refused and the
         * skipped lines.
         */
        private List<Item> check(List<ImportLines.Line> batch) throws InterruptedException {
            List<Item> items = batch.stream().map(Item::new).toList();
            inParallel(items, item -> item.read(center.id()));
            Map<String, Integer> inBatch = new HashMap<>();
            List<Item> unseen = new ArrayList<>();
            for (Item item : items) {
                if (item.record == null || item.record.externalReference() == null) {
                    continue;
                }
                String reference = item.record.externalReference();
                Integer earlier = inBatch.get(reference);
                earlier = earlier != null ? earlier : writing.get(reference);
                earlier = earlier != null ? earlier : refusedReferences.get(reference);
                if (earlier != null) {
                    item.refuse("externalReference: " + reference + " is already on line " + earlier
                            + " of this file");
                } else {
                    unseen.add(item);
                }
                inBatch.putIfAbsent(reference, item.line.number());
            }
            Map<String, Object[]> known = importedBefore(unseen);
            for (Item item : unseen) {
                Object[] row = known.get(item.record.externalReference());
                if (row == null) {
                    continue;
                }
                if (id.equals(row[1])) {
                    item.refuse("externalReference: " + item.record.externalReference() + " is already on line "
                            + row[2] + " of this file");
                } else {
                    item.skipped = true;
                }
            }
            inParallel(items, this::prepare);
            for (Item item : items) {
                if (item.skipped) {
                    skipped++;
                } else if (item.refusal != null) {
                    refused++;
                    if (refusals.size() < MAX_LISTED_REFUSALS) {
                        refusals.add(new ImportSummary.Refusal(item.line.number(), item.refusal));
                    }
                    if (item.record != null && item.record.externalReference() != null) {
                        refusedReferences.putIfAbsent(item.record.externalReference(), item.line.number());
                    }
                }
            }
            return items;
        }

        /**
         * @return the rows of {@code hw_case_import} for the items' references: reference → {reference, run, line};
         *     one index lookup per reference, the primary key leading with the reference (V15)
         */
        private Map<String, Object[]> importedBefore(List<Item> items) {
            if (items.isEmpty()) {
                return Map.of();
            }
            List<String> references = items.stream().map(i -> i.record.externalReference()).toList();
            return database.inTransaction(session -> session.createSelectionQuery("select i.externalReference,"
                    + " i.runId, i.lineNumber from CaseImportEntity i where i.centerId = :center"
                    + " and i.externalReference in :references", Object[].class)
                    .setParameter("center", center.id()).setParameter("references", references).getResultList()
                    .stream().collect(Collectors.toMap(row -> (String) row[0], row -> row)));
        }

        /** Checks a line that was read and is new, and makes its persons and their name keys. */
        private void prepare(Item item) {
            if (item.record == null || item.refusal != null || item.skipped) {
                return;
            }
            ImportRecord record = item.record;
            List<Violation> violations = new ArrayList<>();
            CheckedIntake checked = null;
            try {
                checked = cases.checkIntake(record.intake());
            } catch (InvalidCaseException e) {
                violations.addAll(e.violations());
            } catch (CaseException e) {
                // a guard that failed: PluginCalls names the plugin
                item.refuse(join(item.problems, e.getMessage()));
                return;
            }
            WorkflowState state = null;
            if (checked != null && record.status() != null) {
                state = checked.workflow().state(record.status()).orElse(null);
                if (state == null) {
                    violations.add(new Violation("status", record.status() + " is not a state of workflow "
                            + checked.workflow().id() + " (version " + checked.workflow().version() + ") of center "
                            + checked.center().id() + "; its states are " + checked.workflow().states().stream()
                                    .map(WorkflowState::id).collect(Collectors.joining(", "))));
                } else if (!state.id().equals(checked.initial().id())) {
                    // the intake's checks covered the initial state's required fields
                    CaseRules.checkRequiredFields(state, checked.intake().fields(), violations);
                }
            }
            ZoneId zone = (checked != null ? checked.center() : center).timeZone();
            Instant now = clock.instant();
            Instant opened = record.openedAt() == null ? null : record.openedAt().in(zone);
            Instant closed = record.closedAt() == null ? null : record.closedAt().in(zone);
            if (opened != null && opened.isAfter(now)) {
                violations.add(new Violation("openedAt", "is in the future"));
            }
            if (closed != null && closed.isAfter(now)) {
                violations.add(new Violation("closedAt", "is in the future"));
            }
            if (closed != null && opened != null && closed.isBefore(opened)) {
                violations.add(new Violation("closedAt", "is before openedAt"));
            }
            boolean closedUnreadable = item.problems.stream().anyMatch(p -> p.startsWith("closedAt:"));
            if (state != null && state.terminal() && closed == null && !closedUnreadable) {
                violations.add(new Violation("closedAt", "is required: " + state.id() + " is a terminal state, the"
                        + " case is closed"));
            }
            if (state != null && !state.terminal() && closed != null) {
                violations.add(new Violation("closedAt", "must be left out: " + state.id() + " is not a terminal"
                        + " state, the case is open"));
            }
            if (!item.problems.isEmpty() || !violations.isEmpty()) {
                item.refuse(join(item.problems, violations.isEmpty() ? null
                        : new InvalidCaseException(violations).getMessage()));
                return;
            }
            item.checked = checked;
            item.state = state;
            item.openedAt = opened;
            item.closedAt = closed;
            item.caseId = ids.next();
            List<PersonDetails> persons = checked.intake().persons();
            item.persons = new ArrayList<>(persons.size());
            item.nameKeys = new ArrayList<>();
            for (int i = 0; i < persons.size(); i++) {
                PersonEntity person = new PersonEntity(ids.next(), i, persons.get(i));
                // made here, in parallel, rather than by the writer: transliteration is the costliest step
                item.nameKeys.addAll(person.makeNameKeys(item.caseId));
                item.persons.add(person);
            }
        }

        /** Stores the checked cases of one batch in one transaction; returns how many. */
        private int write(List<Item> items) {
            Instant now = clock.instant();
            // new sequences get their counter rows first, each in a transaction of its own
            for (Item item : items) {
                cases.prepareNumber(item.checked, item.openedAt);
            }
            database.inTransaction(session -> {
                session.setJdbcBatchSize(batchSize);
                List<Object> rows = new ArrayList<>();
                List<AuditLog.Entry> entries = new ArrayList<>(items.size());
                for (Item item : items) {
                    CaseEntity entity = newCase(session, item, now, rows);
                    entries.add(new AuditLog.Entry(actor, AUDIT_ACTION, entity.id(), provenance(item, now) + "\n"
                            + CaseChanges.between(null, entity.toCase())));
                }
                session.flush();
                // rows that are only ever inserted need no place in the persistence context: inserted by a
                // stateless session on the same connection, in this transaction, type by type so that the JDBC
                // batches are long
                try (StatelessSession inserts = session.statelessWithOptions().connection().open()) {
                    inserts.setJdbcBatchSize(batchSize);
                    List<Object> keys = new ArrayList<>();
                    for (Item item : items) {
                        keys.addAll(item.nameKeys);
                    }
                    inserts.insertMultiple(keys);
                    inserts.insertMultiple(rows);
                }
                // last: the audit head stays locked until the commit
                audit.appendAll(session, entries);
                return null;
            });
            LOG.debug("Import {}: lines {} written", id, firstAndLast());
            return items.size();
        }

        private CaseEntity newCase(Session session, Item item, Instant now, List<Object> rows) {
            CheckedIntake checked = item.checked;
            NewCase intake = checked.intake();
            String number = cases.takeNumber(session, checked, item.openedAt);
            CaseEntity entity = new CaseEntity(item.caseId, number, checked.center().id(), intake.country(),
                    checked.category().caseType(), checked.category().id(), checked.workflow().id(),
                    checked.workflow().version(), item.state.id(), new RiskAssessment(intake.riskLevel(),
                            intake.riskReason(), actor, item.openedAt), item.openedAt);
            item.persons.forEach(entity::addPerson);
            entity.fields().putAll(intake.fields());
            if (checked.sharedWith() != null) {
                entity.shareWith(checked.sharedWith());
            }
            entity.moveTo(item.state.id(), item.state.terminal(), item.closedAt);
            // appended before persist: the insert carries the final count, so the case starts at version 0
            rows.add(entity.appendEvent(item.openedAt, actor, TimelineEvent.OPENED, null, null, item.state.id(),
                    "risk " + intake.riskLevel() + ": " + intake.riskReason() + "; " + provenance(item, now)));
            if (checked.routedNote() != null) {
                rows.add(entity.appendEvent(item.openedAt, actor, TimelineEvent.ROUTED, null, null, null,
                        checked.routedNote()));
            }
            session.persist(entity);
            rows.add(new CaseImportEntity(center.id(), item.record.externalReference(), item.caseId, now, id,
                    item.line.number()));
            return entity;
        }

        private String provenance(Item item, Instant importedAt) {
            return "imported " + importedAt + " from legacy record " + item.record.externalReference()
                    + " of center " + center.id() + " (" + source + ", line " + item.line.number() + ")";
        }

        /** Runs the work on every item, spread over the worker threads; returns when all is done. */
        private void inParallel(List<Item> items, Consumer<Item> work) throws InterruptedException {
            int chunk = Math.max(1, (items.size() + threads - 1) / threads);
            List<Future<?>> running = new ArrayList<>();
            for (int from = 0; from < items.size(); from += chunk) {
                List<Item> part = items.subList(from, Math.min(items.size(), from + chunk));
                running.add(workers.submit((Callable<Void>) () -> {
                    part.forEach(work);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    // a bug rather than a bad line: lines are refused, not thrown
                    throw new IllegalStateException("checking lines failed", e.getCause());
                }
            }
        }

        void close() {
            workers.shutdownNow();
            writer.shutdownNow();
        }
    }

    /** @return the problems found reading a line and those its checks found, as one reason */
    private static String join(List<String> problems, String more) {
        List<String> all = new ArrayList<>(problems);
        if (more != null) {
            all.add(more);
        }
        return String.join("; ", all);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One line on its way: read, then refused, skipped, or checked and ready to be written. */
    private static final class Item {

        final ImportLines.Line line;
        ImportRecord record;
        /** What reading the line found wrong; the checks add theirs before it is refused. */
        List<String> problems = List.of();
        String refusal;
        boolean skipped;
        CheckedIntake checked;
        WorkflowState state;
        Instant openedAt;
        Instant closedAt;
        UUID caseId;
        List<PersonEntity> persons;
        List<NameKeyEntity> nameKeys;

        Item(ImportLines.Line line) {
            this.line = line;
        }

        /** Reads the line as a record of the center's import, or refuses it. */
        void read(String centerId) {
            if (line.bytes() == null) {
                refuse("the line is longer than " + ImportRecord.MAX_LINE_BYTES + " bytes");
                return;
            }
            ImportRecord.Result result = ImportRecord.read(line.number(), line.bytes(), centerId);
            record = result.record();
            problems = result.problems();
            if (record == null) {
                refuse(String.join("; ", problems));
            }
        }

        void refuse(String reason) {
            refusal = reason;
        }

        boolean toWrite() {
            return record != null && refusal == null && !skipped;
        }
    }
}
