package io.popflow.jobs.config;

import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.CustomObjectiveTaskSpec;
import io.popflow.task.CustomTrainableTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TaskSpec;
import io.popflow.taskkind.TaskKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of task kinds: how the loader reads each {@code task}. A new task is a {@link TaskKind}
 * and one line here ({@code TaskReadersTest} fails for a kind without a reader).
 */
final class TaskReaders {
    /** How one kind of task is read. */
    sealed interface TaskReader permits Standalone, OnLearner {}

    /**
     * A task read from its own sections, before the hyperparameter space: the space then adds the
     * task's own hyperparameters ({@link TaskSpec#hyperparameters()}, e.g. a landscape's target point).
     */
    record Standalone(Function<OptionTree, TaskSpec> read) implements TaskReader {}

    /**
     * A task whose spec needs the fast learner's choices (the DQN: AdamW or not, the largest batch),
     * read after the space, whose task hyperparameters it declares beforehand.
     *
     * @param defaultOptimizer the update rule when {@code optimizer} is not set
     */
    record OnLearner(List<Hyperparameter> hyperparameters, UpdateRule defaultOptimizer, LearnerTaskRead read)
            implements TaskReader {}

    /** Reads a task given the run's update rule and hyperparameter space. */
    @FunctionalInterface
    interface LearnerTaskRead {
        TaskSpec read(OptionTree run, UpdateRule rule, HyperparameterSpace space);
    }

    private static final Map<TaskKind, TaskReader> READERS = new EnumMap<>(TaskKind.class);

    static {
        READERS.put(TaskKind.DIGITS, new Standalone(DigitsTaskSpec::from));
        READERS.put(TaskKind.TABLE, new Standalone(TableReader::read));
        READERS.put(TaskKind.STREAM, new Standalone(StreamTaskSpec::from));
        READERS.put(TaskKind.QUADRATIC, new Standalone(QuadraticTaskSpec::from));
        READERS.put(TaskKind.LANDSCAPE, new Standalone(LandscapeTaskSpec::from));
        READERS.put(TaskKind.PBT_TOY, new Standalone(PbtToyTaskSpec::from));
        READERS.put(TaskKind.CUSTOM_OBJECTIVE, new Standalone(CustomObjectiveTaskSpec::from));
        READERS.put(TaskKind.CUSTOM_TRAINABLE, new Standalone(CustomTrainableTaskSpec::from));
        for (TaskKind control : TaskKind.CONTROL) {
            READERS.put(
                    control,
                    new OnLearner(
                            List.of(ControlTaskSpec.EPSILON_DECAY),
                            UpdateRule.ADAM,
                            (run, rule, space) -> ControlTaskSpec.from(
                                    run, control.label(), rule == UpdateRule.ADAMW, space.largestBatchSize())));
        }
    }

    private TaskReaders() {}

    /** The reader of {@code kind}, or null if it has none (a test keeps that from happening). */
    static TaskReader of(TaskKind kind) {
        return READERS.get(kind);
    }
}
