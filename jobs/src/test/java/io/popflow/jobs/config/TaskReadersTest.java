package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.popflow.taskkind.TaskKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The task registry covers every task kind, and each kind's reader builds that task. */
class TaskReadersTest {
    @TempDir
    Path dir;

    /** The options a task needs beyond {@code task} itself (a file, a source). */
    private static final Map<TaskKind, String[]> REQUIRED = Map.of(
            TaskKind.TABLE,
            new String[] {
                "table.file=" + DocumentationPages.projectFolder().resolve("data/diabetes/diabetes.csv"),
                "table.target=regression",
                "table.label=progression"
            },
            TaskKind.CUSTOM_OBJECTIVE,
            new String[] {"objective.class=" + SphereObjective.class.getName()},
            TaskKind.CUSTOM_ENV,
            new String[] {"environment.class=" + CorridorEnvironment.class.getName()},
            TaskKind.CUSTOM_TRAINABLE,
            new String[] {"trainable.class=" + io.popflow.jobs.custom.NoisyQuadratic.class.getName()},
            TaskKind.STREAM,
            new String[] {
                "stream.features=4", "stream.classes=2", "kafka.bootstrap_servers=127.0.0.1:9", "generations=0"
            });

    @ParameterizedTest
    @EnumSource(TaskKind.class)
    void everyTaskKindHasAReaderThatBuildsIt(TaskKind kind) {
        assertThat(TaskReaders.of(kind)).as("reader of " + kind).isNotNull();
        var tree = ConfigLoader.set(
                ConfigLoader.set(
                        JsonNodeFactory.instance.objectNode(),
                        "task=" + kind.label(),
                        "output=" + dir,
                        "hyperparam_mutations.lr={min: 0.001, max: 0.1}"),
                REQUIRED.getOrDefault(kind, new String[0]));
        assertThat(ConfigLoader.parse(tree).population().task().name()).isEqualTo(kind.label());
    }
}
