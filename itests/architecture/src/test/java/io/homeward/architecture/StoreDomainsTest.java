package io.homeward.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The walls inside the store. Its implementation has one package per domain under {@value #STORE}: {@code db},
 * {@code caserecord} (the case record every domain shares), {@code audit}, {@code security}, {@code cases}, and on top
 * {@code alerts}, {@code referrals}, {@code transfers}, {@code exchange}, {@code search}, {@code duplicates} and
 * {@code imports}. The domains are stacked, so that every
 * dependency points down, and a domain uses another only through that domain's entry points ({@link #ENTRY_POINTS}).
 * The root package {@value #STORE} is the composition root ({@code StoreDatabase} lists every domain's entities): it
 * may use everything, and nothing uses it. docs/architecture.md draws the same picture.
 */
@AnalyzeClasses(packages = "io.homeward", importOptions = ImportOption.DoNotIncludeTests.class)
class StoreDomainsTest {

    private static final String STORE = "io.homeward.store.internal";

    /** In {@link #ENTRY_POINTS}: every class of the domain is an entry point. */
    private static final List<String> EVERY_CLASS = List.of("every class");

    /**
     * The classes of each store domain that other domains may use, by simple name; a nested class counts as its
     * outer class ({@code Database} covers {@code Database.Settings}). Taken from what the compiled classes use
     * today (jdeps -verbose:class), and the same as each package's package-info says. A new entry point is a design
     * decision: add it here, with the reason. A domain that is not listed has none.
     */
    private static final Map<String, List<String>> ENTRY_POINTS = new LinkedHashMap<>();

    static {
        // every domain reads and writes in Database.inTransaction; cases reads the store's configuration
        ENTRY_POINTS.put("db", List.of("Database", "StoreConfiguration"));
        // the shared kernel: case row, persons, timeline, SLA timers, visibility, row lock, rules; open by design
        ENTRY_POINTS.put("caserecord", EVERY_CLASS);
        // every domain appends its audit rows inside its own transaction; cases and alerts, whose authorizing
        // service is not the one that owns the transaction, name the row with PendingAudit
        ENTRY_POINTS.put("audit", List.of("AuditLog", "PendingAudit"));
        // cases checks that an assignee is an enabled user; exchange's and imports' commands run as
        // SecurityCommands.CONSOLE
        // (a String constant that javac copies into the caller, so no rule sees that use: listed as the code names it)
        ENTRY_POINTS.put("security", List.of("UserEntity", "SecurityCommands"));
        // the domains built on a case: find, open, the locked-case and transaction helpers; a case's attachments;
        // the bulk import checks each record as an intake and numbers it like one (checkIntake, takeNumber)
        ENTRY_POINTS.put("cases", List.of("CaseServiceImpl", "AttachmentEntity", "AttachmentContentEntity"));
        // transfers refuse a case with an alert under way (AlertServiceImpl.openAlerts)
        ENTRY_POINTS.put("alerts", List.of("AlertServiceImpl"));
        // the top of the stack: no other domain uses them
        ENTRY_POINTS.put("referrals", List.of());
        ENTRY_POINTS.put("transfers", List.of());
        ENTRY_POINTS.put("exchange", List.of());
        ENTRY_POINTS.put("search", List.of());
        ENTRY_POINTS.put("duplicates", List.of());
        ENTRY_POINTS.put("imports", List.of());
    }

    @ArchTest
    static void storeDomainsUseEachOtherOnlyThroughTheirEntryPoints(JavaClasses homeward) {
        classes().that().resideInAPackage(STORE + ".*..")
                .should(onlyHaveDependenciesWhere(throughAnEntryPoint()))
                .because("a domain's entities and helpers are its own business: they may change without touching "
                        + "the domains that use it, as long as its entry points stay")
                .check(homeward);
    }

    @ArchTest
    static void storeDomainsAreLayeredFromTheDatabaseUp(JavaClasses homeward) {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage(STORE + "..")
                .layer("composition root").definedBy(STORE)
                .layer("db").definedBy(STORE + ".db..")
                .layer("caserecord").definedBy(STORE + ".caserecord..")
                .layer("audit").definedBy(STORE + ".audit..")
                .layer("security").definedBy(STORE + ".security..")
                .layer("cases").definedBy(STORE + ".cases..")
                .layer("alerts").definedBy(STORE + ".alerts..")
                .layer("referrals").definedBy(STORE + ".referrals..")
                .layer("transfers").definedBy(STORE + ".transfers..")
                .layer("exchange").definedBy(STORE + ".exchange..")
                .layer("search").definedBy(STORE + ".search..")
                .layer("duplicates").definedBy(STORE + ".duplicates..")
                .layer("imports").definedBy(STORE + ".imports..")

                .whereLayer("composition root").mayNotBeAccessedByAnyLayer()
                .whereLayer("db").mayNotAccessAnyLayer()
                .whereLayer("caserecord").mayOnlyAccessLayers("db")
                .whereLayer("audit").mayOnlyAccessLayers("db", "caserecord")
                .whereLayer("security").mayOnlyAccessLayers("db", "caserecord", "audit")
                .whereLayer("cases").mayOnlyAccessLayers("db", "caserecord", "audit", "security")
                .whereLayer("alerts").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases")
                .whereLayer("referrals").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases")
                .whereLayer("transfers").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases", "alerts")
                .whereLayer("exchange").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases")
                .whereLayer("search").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases")
                .whereLayer("duplicates").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases")
                .whereLayer("imports").mayOnlyAccessLayers("db", "caserecord", "audit", "security", "cases")
                // a package of the store that is in no layer is a new domain: it has to be placed here, and in
                // ENTRY_POINTS, before it builds
                .ensureAllClassesAreContainedInArchitectureIgnoring(resideOutsideOfPackage("io.homeward.store.."))
                .because("the direction of every dependency between the store's domains is fixed: each builds only "
                        + "on those below it, and the composition root on all of them")
                .check(homeward);
    }

    @ArchTest
    static void storeDomainsAreFreeOfCycles(JavaClasses homeward) {
        slices().matching(STORE + ".(*)..")
                .should().beFreeOfCycles()
                .because("domains that depend on each other are one domain in two packages: neither can be "
                        + "understood, tested or moved alone")
                .check(homeward);
    }

    /**
     * A dependency that stays in its domain, leaves the store's domains, or reaches another domain through one of
     * its {@link #ENTRY_POINTS}.
     */
    private static DescribedPredicate<Dependency> throughAnEntryPoint() {
        return DescribedPredicate.describe("the target is in the same domain, outside the store's domains, or an entry "
                + "point of its domain " + ENTRY_POINTS, dependency -> {
                    Optional<String> target = domainOf(dependency.getTargetClass());
                    if (target.isEmpty() || target.equals(domainOf(dependency.getOriginClass()))) {
                        return true;
                    }
                    List<String> entryPoints = ENTRY_POINTS.getOrDefault(target.get(), List.of());
                    return entryPoints == EVERY_CLASS
                            || entryPoints.contains(outermostSimpleName(dependency.getTargetClass()));
                });
    }

    /** The domain (first package below {@value #STORE}) a class is in; empty for the root and outside the store. */
    private static Optional<String> domainOf(JavaClass javaClass) {
        String packageName = javaClass.getBaseComponentType().getPackageName();
        if (!packageName.startsWith(STORE + ".")) {
            return Optional.empty();
        }
        String belowStore = packageName.substring(STORE.length() + 1);
        int dot = belowStore.indexOf('.');
        return Optional.of(dot < 0 ? belowStore : belowStore.substring(0, dot));
    }

    /** Database for Database$Settings: nested classes belong to the entry point they are nested in. */
    private static String outermostSimpleName(JavaClass javaClass) {
        String name = javaClass.getBaseComponentType().getName();
        String simpleName = name.substring(name.lastIndexOf('.') + 1);
        int dollar = simpleName.indexOf('$');
        return dollar < 0 ? simpleName : simpleName.substring(0, dollar);
    }
}
