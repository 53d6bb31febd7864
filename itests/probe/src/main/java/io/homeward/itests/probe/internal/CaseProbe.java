package io.homeward.itests.probe.internal;

import io.homeward.casemodel.Case;
import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import io.homeward.casemodel.CaseStatistics;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.TimelineEvent;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands that call {@link CaseService} from inside the framework, the way a bundle does, so that
 * integration tests exercise the service API and not only HTTP. Test-only: never part of a feature.
 * Output is one {@code key=value} line per fact, easy to assert on.
 */
@Component(service = CaseProbe.class, property = {"osgi.command.scope=probe", "osgi.command.function=open",
        "osgi.command.function=perform", "osgi.command.function=show", "osgi.command.function=bench", "osgi.command.function=visible"})
public final class CaseProbe {

    /** The probe acts as the platform itself: the store refuses calls without a subject. */
    private static final Subject PROBE = Subject.system("probe");

    private final CaseService cases;

    @Activate
    public CaseProbe(@Reference CaseService cases) {
        this.cases = cases;
    }

    private static <T> T asProbe(Supplier<T> work) {
        return SubjectContext.callAs(PROBE, work);
    }

    /** Opens a case for a child born on the given day; extra arguments are custom fields as key=value. */
    public String open(String center, String category, String birthDate, String... fields) {
        PersonDetails child = new PersonDetails(PersonRole.CHILD, "Probe", "Child", Sex.FEMALE,
                LocalDate.parse(birthDate), null, null);
        Case c = asProbe(() -> cases.open(new NewCase(center, category, null, RiskLevel.HIGH, "probe intake",
                keyValues(fields), List.of(child)), "probe"));
        return describe(c);
    }

    /** Performs a workflow action; extra arguments are custom fields as key=value. */
    public String perform(String id, String action, long version, String... fields) {
        return describe(asProbe(() -> cases.perform(UUID.fromString(id), action, version, keyValues(fields), "probe",
                "probe")));
    }

    /** Prints the case and its timeline. */
    public String show(String id) {
        UUID uuid = UUID.fromString(id);
        Case c = asProbe(() -> cases.find(uuid)).orElseThrow(() -> new IllegalArgumentException("no case " + id));
        String timeline = asProbe(() -> cases.timeline(uuid)).stream().map(CaseProbe::describe)
                .collect(Collectors.joining("\n"));
        return describe(c) + "\n" + timeline;
    }

    /**
     * Counts the cases a center's staff can see ({@code -} for the platform-wide view), per country: what
     * the store's central visibility rule lets through.
     */
    public String visible(String viewer) {
        CaseStatistics stats = asProbe(() -> cases.statistics(CaseQuery.all().withViewer(viewer.equals("-") ? null
                : viewer)));
        return "visible total=" + stats.total() + " byCountry=" + new TreeMap<>(stats.byCountry());
    }

    /**
     * Opens {@code count} cases from {@code threads} threads through the service and prints the rate: the
     * service-level figure of the intake benchmark.
     */
    public String bench(String center, String category, int count, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            pool.execute(() -> {
                try {
                    open(center, category, "2011-05-17");
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "bench cases=%d failures=%d seconds=%.3f rate=%.1f", count,
                failures.get(), seconds, (count - failures.get()) / seconds);
    }

    private static String describe(Case c) {
        return "case id=" + c.id() + " number=" + c.number() + " status=" + c.status() + " version=" + c.version()
                + " workflow=" + c.workflowId() + "/" + c.workflowVersion() + " fields=" + new TreeMap<>(c.fields());
    }

    private static String describe(TimelineEvent e) {
        return "event kind=" + e.kind() + " action=" + e.action() + " from=" + e.fromStatus() + " to=" + e.toStatus()
                + " actor=" + e.actor();
    }

    private static Map<String, String> keyValues(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }
}
