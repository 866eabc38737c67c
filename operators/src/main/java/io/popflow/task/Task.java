package io.popflow.task;

import io.popflow.data.StreamedExamples;
import io.popflow.fast.HyperparameterValues;
import io.popflow.fast.Objective;
import io.popflow.model.Evaluation;
import java.util.random.RandomGenerator;

/**
 * A learning problem for one agent: a training objective for the fast dynamics, and the
 * validation measurement that defines fitness for the slow dynamics.
 *
 * <p>Instances hold data and scratch buffers and are used by one thread; {@link TaskSpec} is the
 * serializable description operators ship and rebuild them from.
 */
public interface Task extends Objective {

    /** Initial weights, drawn with {@code rng}. */
    void initialize(float[] params, RandomGenerator rng);

    /** Performance on the validation data (what fitness is made of). */
    Evaluation validate(float[] params);

    /** Performance on held-out test data, reported once for the final best agent. */
    Evaluation test(float[] params);

    /** Fitness of a validation result: higher is better. */
    double fitness(Evaluation validation);

    /** The buffers a stream fills for this task, or null where its data is fixed. */
    default StreamedExamples streamedExamples() {
        return null;
    }

    /**
     * The effective fitness F(h): the expected fitness of θ under the stationary law of the SGLD
     * chain run with {@code h} (its Gibbs law, corrected for the step size), if the task knows it in
     * closed form; NaN otherwise.
     */
    default double closedFormFitness(HyperparameterValues h) {
        return Double.NaN;
    }
}
