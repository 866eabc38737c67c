package io.popflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dynamics, estimators and solvers must not import Flink: they are tested, and usable, alone. */
class PureMathArchitectureTest {

    @Test
    void dynamicsDoNotDependOnFlink() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.popflow");
        noClasses()
                .that().resideInAnyPackage("io.popflow.math..", "io.popflow.model..", "io.popflow.fast..",
                        "io.popflow.slow..", "io.popflow.task..", "io.popflow.agent..", "io.popflow.data..",
                        "io.popflow.config..", "io.popflow.theory..", "io.popflow.env..", "io.popflow.rl..", "io.popflow.es..",
                        "io.popflow.loop..", "io.popflow.export..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..")
                .check(classes);
    }
}
