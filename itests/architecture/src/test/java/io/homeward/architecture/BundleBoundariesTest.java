package io.homeward.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The walls between Homeward's bundles, checked on the production classes of every Homeward jar.
 * The case-model API depends on nothing but the JDK; center plugins and renderers plug in through that API
 * alone; only the store touches the database; the web layer, the UI, the demo seeder and the shell call API
 * services instead of the store; the launcher knows no bundle; and no two bundles depend on each other.
 * OSGi would catch some of this only at run time, as a bundle that fails to resolve, and none of it where a
 * bundle merely embeds or imports what it should not: here it fails the build, naming the class.
 */
@AnalyzeClasses(packages = "io.homeward", importOptions = ImportOption.DoNotIncludeTests.class)
class BundleBoundariesTest {

    /** The OSGi annotations a bundle's classes may carry: versioning and bundle, DS and metatype. */
    private static final String[] OSGI_ANNOTATIONS = {
        "org.osgi.annotation..", "org.osgi.service.component.annotations..", "org.osgi.service.metatype.annotations.."
    };

    /**
     * A center plugin: a bundle io.homeward.center.&lt;plugin&gt;. The package io.homeward.center itself and
     * io.homeward.center.internal are the center registry of the core, not a plugin.
     */
    private static final DescribedPredicate<JavaClass> IN_A_CENTER_PLUGIN = resideInAPackage("io.homeward.center.*..")
            .and(not(resideInAPackage("io.homeward.center.internal..")))
            .as("reside in a center plugin (io.homeward.center.<plugin>..)");

    @ArchTest
    static void theCaseModelApiDependsOnlyOnTheJdkAndOsgiAnnotations(JavaClasses homeward) {
        classes().that().resideInAPackage("io.homeward.casemodel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.homeward.casemodel..", "java..", "org.osgi.annotation..")
                .because("the case-model API is the contract that every bundle and every outside plugin compiles "
                        + "against: whatever it depends on, they all would have to carry")
                .check(homeward);
    }

    @ArchTest
    static void centerPluginsDependOnlyOnTheCaseModelApi(JavaClasses homeward) {
        classes().that(IN_A_CENTER_PLUGIN)
                .should().onlyDependOnClassesThat(resideInAnyPackage("io.homeward.casemodel..", "java..", "org.slf4j..")
                        .or(resideInAnyPackage(OSGI_ANNOTATIONS))
                        // its own classes; one plugin using another is ruled out below
                        .or(IN_A_CENTER_PLUGIN))
                .because("a center plugin plugs in through the case-model API only, so that the core's "
                        + "implementation can change under it without breaking it")
                // today's plugins are declaration files (OSGI-INF/homeward/center.xml) without a single class;
                // the rule guards the first one that brings Java code
                .allowEmptyShould(true)
                .check(homeward);
    }

    @ArchTest
    static void centerPluginsDoNotDependOnEachOther(JavaClasses homeward) {
        slices().matching("io.homeward.center.(*)..")
                .should().notDependOnEachOther()
                .because("each center plugin is installed, updated and removed on its own, and the center "
                        + "registry finds plugins by their declarations, not by their classes")
                .check(homeward);
    }

    @ArchTest
    static void onlyTheStoreTouchesThePersistenceStack(JavaClasses homeward) {
        noClasses().that().resideOutsideOfPackage("io.homeward.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.hibernate..", "jakarta.persistence..", "java.sql..", "javax.sql..",
                        "org.flywaydb..", "com.zaxxer..", "org.h2..", "org.postgresql..")
                .because("the store owns the database and embeds Hibernate, JPA, Flyway, HikariCP and the JDBC "
                        + "drivers privately; every other bundle reaches data through the case-model services")
                .check(homeward);
    }

    @ArchTest
    static void theWebLayerUiDemoAndShellNeverUseTheStore(JavaClasses homeward) {
        noClasses().that().resideInAnyPackage(
                        "io.homeward.web..", "io.homeward.ui..", "io.homeward.demo..", "io.homeward.shell..")
                .should().dependOnClassesThat().resideInAPackage("io.homeward.store..")
                .because("they call the case-model services, which check the caller's permissions; the store's "
                        + "classes are its private implementation and it exports none of them")
                .check(homeward);
    }

    @ArchTest
    static void theLauncherDependsOnNoHomewardBundle(JavaClasses homeward) {
        noClasses().that().resideInAPackage("io.homeward.launcher..")
                .should().dependOnClassesThat(resideInAPackage("io.homeward..")
                        .and(resideOutsideOfPackage("io.homeward.launcher..")))
                .because("the launcher embeds Felix and starts the bundles by their location only: it runs before "
                        + "any of them is installed, and a Homeward class on its class path would be a second copy, "
                        + "outside the framework and out of step with the bundle")
                .check(homeward);
    }

    @ArchTest
    static void bundlesAreFreeOfCycles(JavaClasses homeward) {
        slices().matching("io.homeward.(*)..")
                .should().beFreeOfCycles()
                .because("bundles that depend on each other can be neither built, updated nor understood alone")
                .check(homeward);
    }

    @ArchTest
    static void renderersDependOnlyOnTheCaseModelApiAndPdfBox(JavaClasses homeward) {
        classes().that().resideInAPackage("io.homeward.render..")
                .should().onlyDependOnClassesThat(resideInAnyPackage(
                                "io.homeward.render..", "io.homeward.casemodel..", "java..",
                                "org.apache.pdfbox..", "org.apache.fontbox..", "org.slf4j..")
                        .or(resideInAnyPackage(OSGI_ANNOTATIONS)))
                .because("a renderer makes documents from API values: it reads nothing from the store or the web "
                        + "layer, so that it can be tested, and replaced, alone")
                .check(homeward);
    }
}
