package io.homeward.demo.internal;

import io.homeward.casemodel.CaseQuery;
import io.homeward.casemodel.CaseService;
import io.homeward.casemodel.HealthCheck;
import io.homeward.casemodel.NewCase;
import io.homeward.casemodel.PersonDetails;
import io.homeward.casemodel.PersonRole;
import io.homeward.casemodel.RiskLevel;
import io.homeward.casemodel.Sex;
import io.homeward.casemodel.center.CaseCategory;
import io.homeward.casemodel.center.Center;
import io.homeward.casemodel.center.CenterRegistry;
import io.homeward.casemodel.center.FieldDefinition;
import io.homeward.casemodel.security.AccountService;
import io.homeward.casemodel.security.Role;
import io.homeward.casemodel.security.Subject;
import io.homeward.casemodel.security.SubjectContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo users of every center (docs/demo-users.md) and one fictional sample case per category into
 * every center that has no case yet — only when the platform runs with {@code --demo} (framework property
 * {@code homeward.demo=true}); production never does, and the store refuses demo accounts outside demo mode.
 * Centers come and go with their plugins, so it looks again every few seconds. It acts as the system subject
 * {@value #ACTOR}. As a {@link HealthCheck} it keeps the platform not ready until every installed center is
 * seeded, so that a login in the first seconds of a demo does not fail for a user not made yet.
 */
@Component(service = HealthCheck.class, immediate = true)
public final class DemoSeeder implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String ACTOR = "demo";
    /** The password of every demo account; documented, because demo mode is not production. */
    static final String PASSWORD = "homeward-demo";
    /** Username suffix and role of each center's demo staff; hubs also get {@link Role#HUB_ANALYST}. */
    private static final Map<String, Role> STAFF = Map.of("operator", Role.HOTLINE_OPERATOR, "worker",
            Role.CASE_WORKER, "supervisor", Role.SUPERVISOR, "admin", Role.CENTER_ADMIN);
    /** Clearly fictional names, so demo data is never mistaken for a real child. */
    private static final List<String[]> CHILDREN = List.of(new String[] {"Demo", "Lena"},
            new String[] {"Demo", "Milan"}, new String[] {"Demo", "Sofia"}, new String[] {"Demo", "Luca"},
            new String[] {"Demo", "Ana"}, new String[] {"Demo", "Nikos"});

    private final CaseService cases;
    private final CenterRegistry centers;
    private final AccountService accounts;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    @Activate
    public DemoSeeder(@Reference CaseService cases, @Reference CenterRegistry centers,
            @Reference AccountService accounts, BundleContext context) {
        this.cases = cases;
        this.centers = centers;
        this.accounts = accounts;
        if (Boolean.parseBoolean(context.getProperty("homeward.demo"))) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "homeward-demo-seeder"));
            timer.scheduleWithFixedDelay(() -> SubjectContext.runAs(Subject.system(ACTOR), this::seedNewCenters), 0, 3,
                    TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    @Override
    public String name() {
        return "demo-data";
    }

    @Override
    public Result check() {
        if (timer == null) {
            return new Result(true, "not in demo mode");
        }
        List<String> waiting = centers.centers().stream().map(Center::id).filter(id -> !seeded.contains(id))
                .sorted().toList();
        return waiting.isEmpty() ? new Result(true, "demo users and cases of " + seeded.size() + " centers")
                : new Result(false, "seeding the demo users and cases of " + String.join(", ", waiting));
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void seedNewCenters() {
        try {
            accounts.createDemoUser("platform-admin", "Demo platform administrator", null, Set.of(Role.PLATFORM_ADMIN),
                    "en", PASSWORD);
        } catch (RuntimeException e) {
            LOG.warn("Demo platform administrator not seeded yet: {}", e.getMessage());
            return;
        }
        for (Center center : centers.centers()) {
            if (seeded.contains(center.id())) {
                continue;
            }
            try {
                seedUsers(center);
                if (cases.search(CaseQuery.all().withCenter(center.id()).withPage(0, 1)).total() == 0) {
                    seed(center);
                }
                seeded.add(center.id());
            } catch (RuntimeException e) {
                // e.g. the store is restarting: try again on the next round
                LOG.warn("Demo cases for {} not seeded yet: {}", center.id(), e.getMessage());
            }
        }
    }

    /** The center's demo staff, {@code <center>.<suffix>}; kept as they are when they exist already. */
    private void seedUsers(Center center) {
        Map<String, Role> staff = new LinkedHashMap<>(STAFF);
        if (center.isHub()) {
            staff.put("analyst", Role.HUB_ANALYST);
        }
        staff.forEach((suffix, role) -> accounts.createDemoUser(center.id() + "." + suffix, "Demo " + suffix + " ("
                + center.name() + ")", center.id(), Set.of(role), center.languages().get(0), PASSWORD));
    }

    private void seed(Center center) {
        int opened = 0;
        if (center.isHub()) {
            // a hub's own cases are those of members without a national center; those seed themselves
            List<String> countries = center.hub().members().stream()
                    .filter(country -> centers.centers().stream().noneMatch(c -> !c.isHub() && c.country().equals(country)))
                    .limit(4).toList();
            for (String country : countries) {
                List<String> required = center.hub().rules(country).map(r -> r.requiredAtIntake()).orElse(List.of());
                open(center, center.categories().get(opened % center.categories().size()), country, required, opened++);
            }
        } else {
            for (CaseCategory category : center.categories()) {
                open(center, category, null, List.of(), opened++);
            }
        }
        LOG.info("Seeded {} demo cases for center {}", opened, center.id());
    }

    private void open(Center center, CaseCategory category, String country, List<String> alsoRequired, int i) {
        String[] name = CHILDREN.get(i % CHILDREN.size());
        PersonDetails child = new PersonDetails(PersonRole.CHILD, name[0], name[1], i % 2 == 0 ? Sex.FEMALE : Sex.MALE,
                LocalDate.now().minusYears(11 + i % 6).minusDays(40L * i), "Fictional demo child", null);
        PersonDetails reporter = new PersonDetails(PersonRole.REPORTER, "Demo", "Parent", Sex.UNKNOWN, null, null, null);
        RiskLevel risk = RiskLevel.values()[i % RiskLevel.values().length];
        List<String> required = new ArrayList<>(alsoRequired);
        center.currentWorkflow(category.workflowId()).flatMap(w -> w.state(w.initialState()))
                .ifPresent(initial -> required.addAll(initial.requiredFields()));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String fieldId : required) {
            center.field(fieldId).ifPresent(field -> fields.put(fieldId, demoValue(field, center)));
        }
        cases.open(new NewCase(center.id(), category.id(), country, risk, "Demo case: risk set for illustration",
                fields, List.of(child, reporter)), ACTOR);
    }

    /** A plausible value of the field's type, for fields a center requires at intake. */
    private static String demoValue(FieldDefinition field, Center center) {
        return switch (field.type()) {
            case DATE -> LocalDate.now().toString();
            case CHOICE -> field.choices().get(0);
            case COUNTRY -> center.country();
            case NUMBER -> "1";
            default -> "Demo";
        };
    }
}
