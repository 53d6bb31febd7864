package io.homeward.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.text.Transliterator;
import io.homeward.casemodel.CasePage;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseType;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.CaseNumberScheme;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.center.FieldType;
import io.homeward.casemodel.center.Hub;
import io.homeward.casemodel.center.Labels;
import io.homeward.casemodel.center.SlaDefinition;
import io.homeward.casemodel.center.Workflow;
import io.homeward.casemodel.center.WorkflowAction;
import io.homeward.casemodel.center.WorkflowState;
import io.homeward.casemodel.duplicate.Candidate;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.center.PluginCalls;
import io.homeward.store.internal.StoreDatabase;
import io.homeward.store.internal.audit.AuditLog;
import io.homeward.store.internal.caserecord.CaseAccess;
import io.homeward.store.internal.cases.CaseServiceImpl;
import io.homeward.store.internal.db.Database;
import io.homeward.store.internal.duplicates.DuplicateServiceImpl;
import io.homeward.store.internal.imports.CaseImporter;
import io.homeward.store.internal.imports.ImportSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Search at scale, with the store's own classes in this JVM (no framework, no HTTP: what is measured is the store
 * and its database). Generates {@code cases} legacy records (default 1,000,000; {@code -Dcases=100000} for a quick
 * run) of a South-East European hub declared here like SEEC, one child each, with fictional names in Greek, Cyrillic
 * (Serbian, Bulgarian, Ukrainian, Russian) and Latin with diacritics (Romanian, Albanian, Croatian) made from
 * syllables ({@link FictionalNames}); loads them with the bulk import ({@link CaseImporter}, as {@code cases:import}
 * does) into an H2 file database, and into PostgreSQL when {@code postgres} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; {@code -Dpostgres=} to skip) answers, in a schema of
 * its own that is dropped afterwards. One case in a hundred is opened through intake instead, two days in the past,
 * so that its SLA is overdue (imported cases start no SLA timers) — that intake is the import's baseline.
 *
 * <p>Then {@code queries} searches of each kind (after as many to warm up) through {@code CaseServiceImpl.search}
 * with the hub as viewer (its visibility condition, as a user of the hub searches), p50/p95/p99 in milliseconds, beside a plain read of a case by primary key as the baseline: case number exact and
 * by prefix; a child's name exact, in another script, misspelt, and in full; a filtered page (country, status and
 * overdue); and the intake panel's candidates (name and date of birth) for an operator of the hub. Also the
 * import's throughput, beside intake one case per transaction and beside plain JDBC inserts of the same rows
 * ({@link RawImportBaseline}, at most {@code -Drawcases}, 200,000 by default), and the database's size per 100,000
 * cases. Not a test: it asserts nothing. Run with {@code benchmarks/run
 * -Dbenchmark=io.homeward.benchmarks.SearchBenchmark [-Dcases=100000]}; {@code -Dqueries=0} measures the import
 * alone, {@code -Dbatch=N} imports N cases per transaction, {@code -Dseed=N} makes other names, {@code -Dkeep=true}
 * leaves the H2 database on disk and the PostgreSQL schema (to EXPLAIN their queries), {@code -Dh2=false} measures
 * PostgreSQL only, {@code -Dschema=NAME} searches again a PostgreSQL schema kept by such a run (same {@code cases}
 * and {@code seed}), migrated to this build's schema version, without loading it.
 */
public final class SearchBenchmark {

    private static final int CASES = Integer.getInteger("cases", 1_000_000);
    private static final int QUERIES = Integer.getInteger("queries", 300);
    private static final String POSTGRES = System.getProperty("postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final long SEED = Long.getLong("seed", 42);
    private static final boolean KEEP = Boolean.getBoolean("keep");
    private static final boolean H2 = !"false".equals(System.getProperty("h2"));
    /** A PostgreSQL schema kept by an earlier run with the same cases and seed, to search again without loading. */
    private static final String SCHEMA = System.getProperty("schema", "");
    /** The raw JDBC baseline's rows: enough for a steady rate, without doubling a million-case run's time. */
    private static final int RAW_CASES = Integer.getInteger("rawcases", 200_000);
    private static final int BATCH = Integer.getInteger("batch", CaseImporter.DEFAULT_BATCH);
    /** One case in this many is opened through intake, two days ago, so that its SLA is overdue. */
    private static final int INTAKE_SHARE = 100;
    private static final String HUB = "bench-hub";
    private static final Instant NOW = Instant.now();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Candidates the intake panel gets (the API's default). */
    private static final int CANDIDATES = 10;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Hibernate and Flyway log their start-up through java.util.logging: keep the figures readable
        System.setProperty("org.jboss.logging.provider", "jdk");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Path work = Files.createTempDirectory("homeward-search-bench");
        System.out.printf(Locale.ROOT, "Homeward search benchmark: %,d cases (one child each; %,d imported, %,d through"
                + " intake), %d queries of each kind, %d cores%n", CASES, CASES - CASES / INTAKE_SHARE,
                CASES / INTAKE_SHARE, QUERIES, Runtime.getRuntime().availableProcessors());
        long generating = System.nanoTime();
        Dataset data = Dataset.generate(work.resolve("legacy.jsonl"));
        System.out.printf(Locale.ROOT, "generated %s (%,d MB) in %.1f s%n%n", data.file.getFileName(),
                Files.size(data.file) >> 20, (System.nanoTime() - generating) / 1e9);

        Path h2 = work.resolve("h2");
        if (!SCHEMA.isBlank()) {
            run("PostgreSQL (" + Database.redacted(POSTGRES) + ", kept schema " + SCHEMA + ", migrated, not loaded)",
                    postgres(SCHEMA), null, data, () -> postgresSize(SCHEMA));
        } else if (H2) {
            run("H2 (file, as the platform runs it)", new Database.Settings("jdbc:h2:file:"
                    + h2.resolve("homeward"), "", "", 4), new Database.Settings("jdbc:h2:file:"
                    + work.resolve("h2-raw/homeward"), "", "", 4), data, () -> h2Size(h2));
        }

        if (!POSTGRES.isBlank() && SCHEMA.isBlank()) {
            String schema = "homeward_bench_" + UUID.randomUUID().toString().replace("-", "");
            if (execute(POSTGRES, "CREATE SCHEMA " + schema) && execute(POSTGRES, "CREATE SCHEMA " + schema + "_raw")) {
                try {
                    run("PostgreSQL (" + Database.redacted(POSTGRES) + ", schema of its own)", postgres(schema),
                            postgres(schema + "_raw"), data, () -> postgresSize(schema));
                } finally {
                    if (KEEP) {
                        System.out.println("kept the PostgreSQL schema " + schema);
                    } else {
                        execute(POSTGRES, "DROP SCHEMA " + schema + " CASCADE");
                    }
                    execute(POSTGRES, "DROP SCHEMA " + schema + "_raw CASCADE");
                }
            }
        }
        if (KEEP) {
            System.out.println("kept the databases, for EXPLAIN and the like: " + work);
        } else {
            deleteTree(work);
        }
    }

    /** @return the PostgreSQL database under test, in the given schema */
    private static Database.Settings postgres(String schema) {
        return new Database.Settings(POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema, "",
                "", 4);
    }

    /**
     * Loads the data set into one database and times the searches.
     *
     * @param raw another, empty database of the same kind, for the import's raw JDBC baseline; null when the
     *     database already holds the data set, which is then searched only
     */
    private static void run(String name, Database.Settings settings, Database.Settings raw, Dataset data,
            Supplier<String> size) throws IOException {
        System.out.println("== " + name);
        BenchCenters centers = new BenchCenters();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (StoreDatabase database = new StoreDatabase(settings)) {
            PluginCalls direct = new DirectCalls();
            CaseServiceImpl cases = new CaseServiceImpl(database, centers, direct, Clock.systemUTC());
            CaseAccess access = new CaseAccess(database, centers, clock);
            AuditLog audit = new AuditLog(database, access, Clock.systemUTC());
            if (raw != null) {
                load(database, cases, centers, audit, direct, raw, data);
            }

            if (QUERIES > 0) {
                Map<String, Sample> samples = Sample.of(database, data);
                CaseServiceImpl searching = new CaseServiceImpl(database, centers, direct, clock);
                measure(database, searching, new DuplicateServiceImpl(database, searching, access, audit,
                        Clock.systemUTC()), samples);
            }
        }
        System.out.println(size.get());
        System.out.println();
    }

    /** Imports the data set, opens its intakes, and prints both rates beside raw JDBC inserts into the raw database. */
    private static void load(StoreDatabase database, CaseServiceImpl cases, BenchCenters centers, AuditLog audit,
            PluginCalls direct, Database.Settings raw, Dataset data) throws IOException {
        CaseImporter importer = new CaseImporter(database, cases, centers, audit, Clock.systemUTC(),
                BATCH, Runtime.getRuntime().availableProcessors());

        long start = System.nanoTime();
        long cpu = processCpuNanos();
        ImportSummary summary;
        try (InputStream in = Files.newInputStream(data.file)) {
            summary = importer.importCases(HUB, in, data.file.getFileName().toString(), "benchmark",
                    progress -> { });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillisPerCase = (processCpuNanos() - cpu) / 1e6 / summary.counts().imported();
        if (!summary.complete()) {
            throw new IllegalStateException("the import did not complete: " + summary.refusals().stream()
                    .limit(5).toList() + " " + summary.stopped());
        }
        Result importRate = new Result(summary.counts().imported() / seconds, seconds);

        // the overdue cases: intake two days ago, one transaction each, through the case service's own path
        CaseServiceImpl past = new CaseServiceImpl(database, centers, direct,
                Clock.fixed(NOW.minus(Duration.ofDays(2)), ZoneOffset.UTC));
        start = System.nanoTime();
        for (NewCase intake : data.intakes) {
            past.open(intake, "benchmark");
        }
        seconds = (System.nanoTime() - start) / 1e9;
        Result intakeRate = new Result(data.intakes.size() / seconds, seconds);
        System.out.printf(Locale.ROOT, "import (CaseImporter, %d per transaction):  %,8.0f cases/s  (%,d cases in"
                + " %.1f s; %.2f ms of CPU per case, all threads)%n", BATCH, importRate.rate,
                summary.counts().imported(), importRate.seconds, cpuMillisPerCase);
        System.out.printf(Locale.ROOT, "  baseline intake (CaseService.open, 1/tx): %,8.0f cases/s  (%,d cases in"
                + " %.1f s)%n", intakeRate.rate, data.intakes.size(), intakeRate.seconds);
        int rawCases = (int) Math.min(summary.counts().imported(), RAW_CASES);
        System.out.printf(Locale.ROOT, "  baseline raw JDBC, the same rows, %d/tx:  %,8.0f cases/s  (%,d cases; no"
                + " checks, no name keys to make, no Hibernate)%n", BATCH, RawImportBaseline.run(raw, rawCases,
                        BATCH), rawCases);
    }

    /** Times every kind of query and prints the table. */
    private static void measure(Database database, CaseServiceImpl cases, DuplicateServiceImpl duplicates,
            Map<String, Sample> samples) {
        List<Sample> sample = new ArrayList<>(samples.values());
        Random random = new Random(SEED);
        Transliterator latin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
        Subject operator = Subject.user("bench-operator", HUB, Set.of(Role.HOTLINE_OPERATOR));
        List<Query> queries = List.of(
                new Query("baseline: case by primary key (find)", s -> new Found(cases.find(s.caseId).isPresent())),
                new Query("baseline: raw JDBC select by primary key", s -> new Found(jdbcById(database, s.caseId))),
                new Query("case number, exact", s -> search(cases, s, s.number)),
                new Query("case number, prefix (country and year)", s -> search(cases, s, s.number.substring(0,
                        s.number.lastIndexOf('-') + 1))),
                new Query("name, exact (family name as written)", s -> search(cases, s, s.name.family())),
                new Query("name, another script (Latin, no marks)", s -> search(cases, s,
                        latin.transliterate(s.name.family()))),
                new Query("name, misspelt (one letter dropped)", s -> search(cases, s,
                        misspelt(latin.transliterate(s.name.family())))),
                new Query("full name (given and family)", s -> search(cases, s, s.name.given() + " "
                        + s.name.family())),
                new Query("filtered page: country + status + overdue", s -> new Found(cases.search(CaseQuery.all().withViewer(HUB)
                        .withCountry(s.name.language().country).withStatus("received").withOverdue(true)).total(),
                        null)),
                new Query("intake candidates (name, birth; hub operator)", s -> {
                    List<Candidate> found = SubjectContext.callAs(operator, () -> duplicates.candidates(
                            s.name.family(), s.name.given(), s.dateOfBirth, CANDIDATES));
                    return new Found(found.size(), found.stream().anyMatch(c -> c.caseId().equals(s.caseId)));
                }));
        System.out.printf(Locale.ROOT, "%-45s %9s %9s %9s %12s %9s%n", "", "p50 ms", "p95 ms", "p99 ms",
                "mean found", "found it");
        for (Query query : queries) {
            List<Double> millis = new ArrayList<>();
            long found = 0;
            int hits = 0;
            boolean searched = false;
            for (int i = 0; i < 2 * QUERIES; i++) {
                Sample s = sample.get(random.nextInt(sample.size()));
                long start = System.nanoTime();
                Found result = query.run.apply(s);
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (i >= QUERIES) { // the first half warms up
                    millis.add(elapsed);
                    found += result.count;
                    searched = result.hit != null;
                    hits += Boolean.TRUE.equals(result.hit) ? 1 : 0;
                }
            }
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "%-45s %9.2f %9.2f %9.2f %12.1f %9s%n", query.name, percentile(millis, 50),
                    percentile(millis, 95), percentile(millis, 99), found / (double) QUERIES,
                    searched ? String.format(Locale.ROOT, "%.0f%%", 100.0 * hits / QUERIES) : "");
        }
        System.out.println("(mean found: the matches a search counts, capped at the API's count cap, or the"
                + " candidates proposed; found it: the searched case on the first page of 50, or among the "
                + CANDIDATES + " candidates)");
    }

    /** @return what a search of the text found, and whether the sample's case is on its first page */
    private static Found search(CaseServiceImpl cases, Sample s, String text) {
        CasePage page = cases.search(CaseQuery.all().withViewer(HUB).withText(text));
        return new Found(page.total(), page.cases().stream().anyMatch(c -> c.id().equals(s.caseId)));
    }

    /** A kind of query, and how to run it for a sample. */
    private record Query(String name, Function<Sample, Found> run) {
    }

    /**
     * @param count how many the query found
     * @param hit whether the sample's case was among them; null for a query that does not look for it
     */
    private record Found(long count, Boolean hit) {
        Found(boolean found) {
            this(found ? 1 : 0, null);
        }
    }

    /** @return the CPU time of this process so far, every thread, when the JVM tells it; else 0 */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static boolean jdbcById(Database database, UUID id) {
        return database.inTransaction(session -> session.doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select * from hw_case where id = ?")) {
                select.setObject(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        }));
    }

    /** Drops the letter in the middle of a longer name: one edit, as a hurried hotline note has. */
    private static String misspelt(String name) {
        if (name.length() < 6) {
            return name;
        }
        int at = name.length() / 2;
        return name.substring(0, at) + name.substring(at + 1);
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * The generated records, written as an import file, and the intakes opened two days ago; the names of every
     * hundredth record are kept to search for.
     */
    private static final class Dataset {
        final Path file;
        final List<NewCase> intakes = new ArrayList<>();
        /** External reference → child, of the records searched for. */
        final Map<String, Child> searched = new LinkedHashMap<>();

        private Dataset(Path file) {
            this.file = file;
        }

        static Dataset generate(Path file) throws IOException {
            Dataset data = new Dataset(file);
            Random random = new Random(SEED);
            FictionalNames names = new FictionalNames(random);
            LocalDate first = LocalDate.of(2010, 1, 1);
            int days = (int) (LocalDate.ofInstant(NOW, ZoneOffset.UTC).toEpochDay() - first.toEpochDay()) - 3;
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 1; i <= CASES; i++) {
                    boolean female = random.nextBoolean();
                    FictionalNames.Name name = names.next(female);
                    String country = name.language().country;
                    Map<String, Object> child = new LinkedHashMap<>();
                    child.put("role", "CHILD");
                    child.put("familyName", name.family());
                    child.put("givenName", name.given());
                    child.put("sex", female ? "FEMALE" : "MALE");
                    LocalDate opened = first.plusDays(random.nextInt(days));
                    LocalDate born = opened.minusDays(365L * 5 + random.nextInt(365 * 12));
                    child.put("dateOfBirth", born.toString());
                    String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                    RiskLevel risk = RiskLevel.values()[random.nextInt(RiskLevel.values().length)];
                    if (i % INTAKE_SHARE == 0) {
                        data.intakes.add(new NewCase(HUB, category, country, risk, "reported by the police",
                                Map.of("reporting-authority", "police"), List.of(new PersonDetails(PersonRole.CHILD,
                                        name.family(), name.given(), female ? Sex.FEMALE : Sex.MALE, null, null,
                                        null))));
                        continue;
                    }
                    String reference = "LEGACY-" + i;
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("externalReference", reference);
                    record.put("openedAt", opened + "T" + String.format(Locale.ROOT, "%02d:%02d:00",
                            random.nextInt(24), random.nextInt(60)));
                    String status = STATUSES.get(random.nextInt(STATUSES.size()));
                    record.put("status", status);
                    if (status.equals("closed")) {
                        record.put("closedAt", opened.plusDays(1 + random.nextInt(Math.min(365, days - (int) (
                                opened.toEpochDay() - first.toEpochDay())))).toString());
                    }
                    record.put("category", category);
                    record.put("country", country);
                    record.put("riskLevel", risk.name());
                    record.put("riskReason", "reported by the police");
                    Map<String, String> fields = new LinkedHashMap<>();
                    fields.put("reporting-authority", "police");
                    if (!status.equals("received")) {
                        fields.put("authority-reference", "NA-" + i);
                    }
                    record.put("fields", fields);
                    record.put("persons", List.of(child));
                    out.write(JSON.writeValueAsString(record));
                    out.newLine();
                    if (i % 97 == 0) {
                        data.searched.put(reference, new Child(name, born));
                    }
                }
            }
            return data;
        }
    }

    private static final List<String> CATEGORIES = List.of("runaway", "runaway", "runaway", "parental-abduction",
            "criminal-abduction", "lost-or-missing", "missing-in-migration", "missing-in-migration");
    private static final List<String> STATUSES = List.of("received", "referred", "follow-up", "resolved", "closed",
            "closed", "closed", "closed");

    /** The child of a record searched for. */
    private record Child(FictionalNames.Name name, LocalDate dateOfBirth) {
    }

    /** A record searched for: its case, as imported. */
    private record Sample(UUID caseId, String number, FictionalNames.Name name, LocalDate dateOfBirth) {

        /** @return the samples, by external reference, with the ids and numbers the import gave them */
        static Map<String, Sample> of(Database database, Dataset data) {
            Map<String, Sample> samples = new LinkedHashMap<>();
            List<String> references = new ArrayList<>(data.searched.keySet());
            for (int from = 0; from < references.size(); from += 500) {
                List<String> part = references.subList(from, Math.min(references.size(), from + 500));
                List<Object[]> rows = database.inTransaction(session -> session.createSelectionQuery("select"
                        + " i.externalReference, c.id, c.number from CaseImportEntity i, CaseEntity c where c.id ="
                        + " i.caseId and i.centerId = :center and i.externalReference in :references",
                        Object[].class).setParameter("center", HUB).setParameter("references", part)
                        .getResultList());
                for (Object[] row : rows) {
                    Child child = data.searched.get((String) row[0]);
                    samples.put((String) row[0], new Sample((UUID) row[1], (String) row[2], child.name,
                            child.dateOfBirth));
                }
            }
            return samples;
        }
    }

    /** The hub of the benchmark: SEEC's way of working (seec/center.xml), with the countries of the names. */
    private static final class BenchCenters implements CenterRegistry {

        private final Center hub;

        BenchCenters() {
            Labels label = new Labels(Map.of("en", "label"));
            Map<String, Hub.CountryRules> rules = new LinkedHashMap<>();
            for (FictionalNames.Language language : FictionalNames.Language.values()) {
                rules.put(language.country, new Hub.CountryRules(language.country, List.of("en"),
                        new CaseNumberScheme(HUB.toUpperCase(Locale.ROOT) + "-" + language.country + "-{yyyy}-{seq:5}"),
                        List.of("reporting-authority")));
            }
            List<WorkflowState> states = Stream.of("received", "referred", "follow-up", "resolved", "closed")
                    .map(id -> new WorkflowState(id, id.equals("closed"),
                            id.equals("referred") ? List.of("authority-reference") : List.of(), label)).toList();
            Workflow workflow = new Workflow("hub-case", 1, "received", states,
                    List.of(new WorkflowAction("refer", Set.of("received"), "referred", label),
                            new WorkflowAction("close", Set.of("received", "resolved"), "closed", label)),
                    List.of(new SlaDefinition("referral", Duration.ofHours(24), "received",
                            Set.of("referred", "resolved", "closed"), "supervisor", label)), List.of());
            hub = new Center(HUB, "Benchmark hub", "GR", ZoneId.of("Europe/Athens"), List.of("en"), List.of(),
                    new CaseNumberScheme("BENCH-{yyyy}-{seq:6}"),
                    List.of(new FieldDefinition("reporting-authority", FieldType.TEXT, List.of(), 120, label),
                            new FieldDefinition("authority-reference", FieldType.TEXT, List.of(), 60, label)),
                    List.of(new CaseCategory("runaway", CaseType.RUNAWAY, "hub-case", label),
                            new CaseCategory("parental-abduction", CaseType.PARENTAL_ABDUCTION_NATIONAL, "hub-case",
                                    label),
                            new CaseCategory("criminal-abduction", CaseType.CRIMINAL_ABDUCTION, "hub-case", label),
                            new CaseCategory("lost-or-missing", CaseType.LOST_INJURED_OR_OTHERWISE_MISSING,
                                    "hub-case", label),
                            new CaseCategory("missing-in-migration", CaseType.MISSING_IN_MIGRATION, "hub-case",
                                    label)),
                    List.of(workflow), List.of(), List.of(),
                    new Hub(List.copyOf(rules.keySet()), Hub.Routing.TRANSFER, rules), "io.homeward.benchmarks 1");
        }

        @Override
        public List<Center> centers() {
            return List.of(hub);
        }

        @Override
        public Optional<Center> center(String centerId) {
            return hub.id().equals(centerId) ? Optional.of(hub) : Optional.empty();
        }
    }

    /** Plugin calls in the caller's thread: the benchmark's hub has no guards. */
    private static final class DirectCalls implements PluginCalls {
        @Override
        public <T> T call(String centerId, String hook, String plugin, Supplier<T> call) {
            return call.get();
        }
    }

    private record Result(double rate, double seconds) {
    }

    private static boolean execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement =
                connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            System.out.println("PostgreSQL at " + Database.redacted(url) + " not used: " + e.getMessage());
            return false;
        }
    }

    /** @return the size of the PostgreSQL schema's tables and indexes */
    private static String postgresSize(String schema) {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
                PreparedStatement query = connection.prepareStatement("select sum(pg_total_relation_size("
                        + "quote_ident(schemaname) || '.' || quote_ident(tablename))) from pg_tables where schemaname = ?")) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long bytes = rs.getLong(1);
                return String.format(Locale.ROOT, "database size: %,d MB (tables and indexes), %,.1f MB per 100,000"
                        + " cases", bytes >> 20, perHundredThousand(bytes));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the size of the H2 database as the import left it, and once compacted */
    private static String h2Size(Path folder) {
        long written = folderSize(folder);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("homeward"));
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long compacted = folderSize(folder);
        return String.format(Locale.ROOT, "database size: %,d MB compacted (SHUTDOWN COMPACT), %,.1f MB per 100,000"
                + " cases; %,d MB as the platform left the file", compacted >> 20, perHundredThousand(compacted),
                written >> 20);
    }

    private static double perHundredThousand(long bytes) {
        return bytes / 1048576.0 / CASES * 100_000;
    }

    private static long folderSize(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
