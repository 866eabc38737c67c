package io.popflow.config;

import static io.popflow.option.InvalidOptionException.require;

import io.popflow.es.StrategySettings;
import io.popflow.fast.UpdateRule;
import io.popflow.option.Option;
import io.popflow.slow.ChampionRule;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.PopulationStep;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.TaskSpec;
import io.popflow.taskkind.TaskKind;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A population training run, validated: the task, the fast dynamics (update rule and its
 * hyperparameters), the slow dynamics (fitness estimator, selection, mutation, merging), and how the
 * job runs. Immutable and serializable: operators are built from it.
 *
 * @param seed the run's seed; every random number is derived from it
 * @param population number of agents
 * @param generations generations per agent, 0 to run until cancelled
 * @param perturbationInterval fast steps per generation: the time-scale ratio
 * @param chunkSteps fast steps an agent takes per turn before others get theirs (and barriers pass)
 * @param task what the agents learn
 * @param space mutable hyperparameters, their domains, the fixed ones and the update rule
 * @param selection the selection rule
 * @param mutation the mutation kernel
 * @param merge model merging (off at strength 0)
 * @param exploit what a copying agent takes besides the donor's θ
 * @param fitness how fitness is estimated for selection
 * @param asynchronous decide each agent as soon as it reports (Ray's default), instead of per generation
 * @param parallelism parallel agent subtasks (and feedback channels)
 * @param maxParallelism key groups of the agents' state: the largest parallelism a savepoint of the
 *     run can be restored with
 * @param checkpointIntervalMs milliseconds between checkpoints
 * @param strategy an evolution strategy over the weights instead of selection and mutation (off by
 *     default); a generation is then its {@code inner_steps} fast steps
 * @param championEvery publish the champion every this many generations and whenever the best agent
 *     changes ({@link ChampionRule}); 0: no champion
 */
public record PopulationConfig(
        long seed,
        int population,
        int generations,
        int perturbationInterval,
        int chunkSteps,
        TaskSpec task,
        HyperparameterSpace space,
        SelectionSettings selection,
        MutationSettings mutation,
        ModelMerge merge,
        CopyPolicy exploit,
        FitnessEstimate fitness,
        boolean asynchronous,
        int parallelism,
        int maxParallelism,
        long checkpointIntervalMs,
        StrategySettings strategy,
        int championEvery)
        implements Serializable {

    public static final Option<String> TASK =
            Option.text("task", null, "what the agents learn: " + String.join(", ", TaskKind.labels()));
    public static final Option<Long> SEED =
            Option.wholeNumber("seed", 0L, "the run's seed; every random number derives from it");
    public static final Option<Integer> POPULATION = Option.integer("population", 16, "number of agents")
            .check(n -> n >= 2, "must be >= 2 (selection needs someone to copy)");
    public static final Option<Integer> GENERATIONS = Option.integer(
                    "generations", 10, "generations per agent; 0 runs until stopped")
            .check(n -> n >= 0, "must be >= 0 (0 runs until cancelled)");
    public static final Option<Integer> PERTURBATION_INTERVAL = Option.integer(
                    "perturbation_interval", 100, "fast steps per generation: the time-scale ratio")
            .check(n -> n >= 1, "must be >= 1 fast step")
            .appliesTo(StrategySettings.Kind.NONE);
    public static final Option<Integer> CHUNK_STEPS = Option.integer(
                    "chunk_steps", 10, "steps an agent takes per turn before the others (and barriers) get theirs")
            .atLeast(1);
    public static final Option<UpdateRule> OPTIMIZER = Option.choice(
                    "optimizer", UpdateRule.class, null, "the fast dynamics' update rule")
            .defaultIs("sgd; adam for cartpole, mountain-car and custom-env");
    /** When the slow dynamics decides: per generation, or per agent as it reports. */
    public enum Mode {
        SYNCHRONOUS,
        ASYNCHRONOUS
    }

    public static final Option<Mode> MODE = Option.choice(
            "mode",
            Mode.class,
            Mode.SYNCHRONOUS,
            "synchronous generations, or asynchronous: decide each agent as it reports (Ray's default)");
    public static final Option<Integer> PARALLELISM = Option.integer(
                    "parallelism", 2, "parallel agent subtasks (and feedback channels)")
            .atLeast(1);
    public static final Option<Integer> MAX_PARALLELISM = Option.integer(
                    "max_parallelism",
                    128,
                    "key groups of the agents' state: the largest parallelism a savepoint of the run restores with; "
                            + "fixed for the life of its checkpoints")
            .between(1, 32768);
    public static final Option<Long> CHECKPOINT_INTERVAL = Option.duration(
                    "checkpoint_interval", 5_000L, "time between checkpoints")
            .check(ms -> ms >= 10, "must be >= 10 ms");

    /** The options declared here, in the order the README lists them. */
    public static final List<Option<?>> OPTIONS = List.of(
            TASK,
            SEED,
            POPULATION,
            GENERATIONS,
            PERTURBATION_INTERVAL,
            CHUNK_STEPS,
            OPTIMIZER,
            MODE,
            PARALLELISM,
            MAX_PARALLELISM,
            CHECKPOINT_INTERVAL);

    public PopulationConfig {
        POPULATION.require(population);
        GENERATIONS.require(generations);
        require(strategy != null, "strategy", "must be set");
        if (strategy.isOn()) {
            require(
                    perturbationInterval == strategy.innerSteps(),
                    "strategy.inner_steps",
                    "is the generation's length in an ES run: perturbation_interval must equal it");
            require(!asynchronous, "mode", "an evolution strategy tells whole generations: needs synchronous mode");
            require(!merge.isOn(), "merge", "an evolution strategy moves the mean itself: merging must be off");
            require(
                    fitness.estimator() == FitnessEstimator.LAST,
                    "fitness.estimator",
                    "an evolution strategy ranks each generation's members by their own fitness: needs last");
            strategy.requireFits(population);
        } else {
            PERTURBATION_INTERVAL.require(perturbationInterval);
        }
        CHUNK_STEPS.require(chunkSteps);
        PARALLELISM.require(parallelism);
        MAX_PARALLELISM.require(maxParallelism);
        // the option's own bounds say what any run allows; this one, what this run's parallelism needs
        require(
                maxParallelism >= parallelism,
                "max_parallelism",
                "must be at least the parallelism (" + parallelism + "), got " + maxParallelism);
        CHECKPOINT_INTERVAL.require(checkpointIntervalMs);
        require(task != null, "task", "must be set");
        require(space != null, "hyperparam_mutations", "must be set");
        require(
                fitness.estimator() != FitnessEstimator.CLOSED_FORM || task.hasClosedForm(),
                "fitness.estimator",
                "closed-form needs an analytic task; " + task.name() + " has no closed-form effective fitness");
        require(!asynchronous || !merge.isOn(), "merge", "model merging needs synchronous generations");
        require(exploit != null, "exploit", "must be set");
        require(
                !(task instanceof ControlTaskSpec) || space.rule().memoryPerWeight() == 2,
                "optimizer",
                "a DQN agent learns with adam or adamw, got "
                        + space.rule().name().toLowerCase());
        require(championEvery >= 0, "models.every", "must be >= 1 generation, got " + championEvery);
        if (championEvery > 0) {
            require(
                    !asynchronous,
                    "models.every",
                    "the champion is the best agent of a generation: needs synchronous mode");
            require(
                    !strategy.isOn(),
                    "models.every",
                    "an evolution strategy's model is its mean, exported when the run "
                            + "ends: models.every applies to selection runs");
        }
        if (mutation.kernel() == MutationSettings.Kernel.PB2) {
            require(
                    !asynchronous,
                    "mutation.kernel",
                    "pb2 fits its bandit to whole generations: needs synchronous mode");
            require(
                    space.size() > 0,
                    "mutation.kernel",
                    "pb2 chooses h: needs at least one entry in hyperparam_mutations");
        }
    }

    /** A run without an evolution strategy. */
    public PopulationConfig(
            long seed,
            int population,
            int generations,
            int perturbationInterval,
            int chunkSteps,
            TaskSpec task,
            HyperparameterSpace space,
            SelectionSettings selection,
            MutationSettings mutation,
            ModelMerge merge,
            CopyPolicy exploit,
            FitnessEstimate fitness,
            boolean asynchronous,
            int parallelism,
            int maxParallelism,
            long checkpointIntervalMs) {
        this(
                seed,
                population,
                generations,
                perturbationInterval,
                chunkSteps,
                task,
                space,
                selection,
                mutation,
                merge,
                exploit,
                fitness,
                asynchronous,
                parallelism,
                maxParallelism,
                checkpointIntervalMs,
                StrategySettings.none());
    }

    /** A run without a published champion. */
    public PopulationConfig(
            long seed,
            int population,
            int generations,
            int perturbationInterval,
            int chunkSteps,
            TaskSpec task,
            HyperparameterSpace space,
            SelectionSettings selection,
            MutationSettings mutation,
            ModelMerge merge,
            CopyPolicy exploit,
            FitnessEstimate fitness,
            boolean asynchronous,
            int parallelism,
            int maxParallelism,
            long checkpointIntervalMs,
            StrategySettings strategy) {
        this(
                seed,
                population,
                generations,
                perturbationInterval,
                chunkSteps,
                task,
                space,
                selection,
                mutation,
                merge,
                exploit,
                fitness,
                asynchronous,
                parallelism,
                maxParallelism,
                checkpointIntervalMs,
                strategy,
                0);
    }

    /** This configuration with {@code s} as its strategy, a generation then {@code s.innerSteps()} steps. */
    public PopulationConfig withStrategy(StrategySettings s) {
        return new PopulationConfig(
                seed,
                population,
                generations,
                s.isOn() ? s.innerSteps() : perturbationInterval,
                chunkSteps,
                task,
                space,
                selection,
                mutation,
                merge,
                exploit,
                fitness,
                asynchronous,
                parallelism,
                maxParallelism,
                checkpointIntervalMs,
                s,
                championEvery);
    }

    /** This configuration publishing its champion by {@link ChampionRule} with {@code every} (0: never). */
    public PopulationConfig withChampionEvery(int every) {
        return new PopulationConfig(
                seed,
                population,
                generations,
                perturbationInterval,
                chunkSteps,
                task,
                space,
                selection,
                mutation,
                merge,
                exploit,
                fitness,
                asynchronous,
                parallelism,
                maxParallelism,
                checkpointIntervalMs,
                strategy,
                every);
    }

    /** When the run publishes its champion, or null if it does not. */
    public ChampionRule champion() {
        return championEvery > 0 ? new ChampionRule(championEvery) : null;
    }

    /** Whether an evolution strategy moves the weights' distribution (instead of selection and mutation). */
    public boolean isEvolutionStrategy() {
        return strategy.isOn();
    }

    /** Whether the run has a last generation. */
    public boolean isBounded() {
        return generations > 0;
    }

    /** The slow dynamics' step of this configuration. */
    public PopulationStep populationStep() {
        // the burn-in's end: the first generation after which every agent has taken burn_in steps
        // (an evolution strategy's generation may have no fast steps at all: it selects no one)
        long burnInGenerations =
                perturbationInterval <= 0 ? 0 : (selection.burnIn() + perturbationInterval - 1) / perturbationInterval;
        return new PopulationStep(
                space, selection.build(), mutation.build(space), mutation.everyone(), fitness, merge, (int)
                        Math.max(0, Math.min(Integer.MAX_VALUE, burnInGenerations - 1)));
    }

    @Override
    public String toString() {
        return "PopulationConfig{seed=" + seed + ", population=" + population + ", generations=" + generations
                + ", perturbation_interval=" + perturbationInterval + ", task=" + task + ", optimizer="
                + space.rule().name().toLowerCase() + ", mutable=" + Arrays.toString(space.names())
                + ", selection=" + selection + ", mutation=" + mutation
                + (merge.isOn() ? ", merge=" + merge : "") + ", fitness="
                + fitness.estimator().name().toLowerCase()
                + (asynchronous ? ", asynchronous" : "") + (strategy.isOn() ? ", strategy=" + strategy : "")
                + ", parallelism=" + parallelism
                + ", checkpoint_interval=" + checkpointIntervalMs + "ms}";
    }
}
