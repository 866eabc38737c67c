package io.popflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.math.RandomStreams;
import io.popflow.math.SplitMix64;
import io.popflow.task.QuadraticTaskSpec;

/**
 * The {@code custom.options} that make a {@link QuadraticObjective} the instance popflow's {@code
 * quadratic} task draws for a run seed, and the run that trains it in the built-in task's place.
 *
 * <p>The instance is drawn again here from the spec's definition (curvatures log-spaced, then per
 * coordinate {@code b = signal·N}, {@code a = b + noise·N} from the task-instance stream), since
 * the task keeps H, a and b to itself: the user's class has to be handed them. {@code
 * QuadraticObjectiveTest} checks the result against the built-in task's own outputs, bit for bit.
 */
final class QuadraticObjectiveOptions {
    private QuadraticObjectiveOptions() {}

    /** {@code custom.options} for the instance of {@code spec} under {@code runSeed}. */
    static ObjectNode of(QuadraticTaskSpec spec, long runSeed) {
        int d = spec.dimension();
        SplitMix64 rng = RandomStreams.TASK_INSTANCE.generator(runSeed);
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        ArrayNode curvature = options.putArray("curvature");
        ArrayNode train = options.putArray("train_optimum");
        ArrayNode validation = options.putArray("validation_optimum");
        for (int i = 0; i < d; i++) {
            double t = d == 1 ? 0 : (double) i / (d - 1);
            double b = spec.signal() * rng.nextGaussian();
            curvature.add(spec.curvatureMin() * Math.pow(spec.curvatureMax() / spec.curvatureMin(), t));
            validation.add(b);
            train.add(b + spec.noise() * rng.nextGaussian());
        }
        return options;
    }

    /**
     * The run {@code builtIn} (a configuration tree whose task is {@code quadratic}) with the task
     * replaced by a {@link QuadraticObjective} of the same instance; everything else (population,
     * optimizer, hyperparameters, seed) stays.
     */
    static ObjectNode replacingTheTask(ObjectNode builtIn) {
        var run = ConfigLoader.parse(builtIn).population();
        if (!(run.task() instanceof QuadraticTaskSpec spec)) {
            throw new IllegalArgumentException(
                    "not a quadratic run: " + run.task().name());
        }
        ObjectNode tree = ConfigLoader.set(
                builtIn, "task=custom_objective", "objective.class=" + QuadraticObjective.class.getName());
        return ConfigLoader.with(tree, "custom.options", of(spec, run.seed()));
    }
}
