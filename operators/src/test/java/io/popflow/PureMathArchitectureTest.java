package io.popflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dynamics, estimators and solvers must not import Flink: they are tested, and usable, alone.
 * The rule names the Flink adapters, not the pure packages, so a new package is held to it by
 * default.
 */
class PureMathArchitectureTest {
    /** The only packages of this module that may use Flink: its operators, serializers and the feedback edge. */
    private static final String[] FLINK_ADAPTERS = {"io.popflow.flink.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.popflow");
    }

    @Test
    void onlyTheFlinkAdaptersDependOnFlink() {
        noClasses()
                .that()
                .resideInAPackage("io.popflow..")
                .and()
                .resideOutsideOfPackages(FLINK_ADAPTERS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.flink..")
                .check(classes);
    }

    /** Options are declared everywhere; their package must need nothing back, or it would close a cycle. */
    @Test
    void optionsAreALeaf() {
        noClasses()
                .that()
                .resideInAPackage("io.popflow.option..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.popflow..").and(not(resideInAPackage("io.popflow.option.."))))
                .because("every settings type declares its options with io.popflow.option")
                .check(classes);
    }

    @Test
    void thePurePackagesHaveNoCycles() {
        slices().matching("io.popflow.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes.that(resideOutsideOfPackages(FLINK_ADAPTERS)));
    }
}
