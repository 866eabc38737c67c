package io.popflow.task;

import io.popflow.api.Hyperparameters;
import io.popflow.api.Objective;
import io.popflow.model.Evaluation;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One agent's user {@link Objective} as a popflow task: its loss is minus the fitness, and the
 * weights cross between popflow's floats and the API's doubles. The objective has no task
 * hyperparameters of its own: it is handed an empty h.
 *
 * <p>An exception from the user's code (after the class was made and checked) is that agent's
 * failure, not the job's: the step's loss is NaN, which marks the agent diverged, so it is replaced
 * at the next selection and the run goes on instead of restarting into the same exception.
 */
final class CustomObjectiveTask implements AnalyticTask {
    static final Hyperparameters NONE = new Hyperparameters() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public double get(String name) {
            throw new IllegalArgumentException("no hyperparameter '" + name + "': a custom objective has none");
        }
    };

    private final Objective objective;
    private final double[] weights;
    private final double[] ascent;

    CustomObjectiveTask(Objective objective) {
        this.objective = objective;
        this.weights = new double[objective.dimension()];
        this.ascent = new double[objective.dimension()];
    }

    @Override
    public int dimension() {
        return weights.length;
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        double[] initial = objective.initial(rng);
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) initial[i];
        }
    }

    @Override
    public double lossAndGradient(
            float[] params, float[] gradient, int batchSize, double[] taskHyperparameters, RandomGenerator rng) {
        toDoubles(params);
        try {
            objective.gradient(weights, NONE, rng, ascent);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = (float) -ascent[i];
            }
            return -objective.fitness(weights, NONE);
        } catch (RuntimeException userFailure) {
            return Double.NaN;
        }
    }

    @Override
    public Evaluation validate(float[] params) {
        toDoubles(params);
        try {
            return new Evaluation(-objective.fitness(weights, NONE), Double.NaN);
        } catch (RuntimeException userFailure) {
            return new Evaluation(Double.NaN, Double.NaN);
        }
    }

    private void toDoubles(float[] params) {
        for (int i = 0; i < params.length; i++) {
            weights[i] = params[i];
        }
    }
}
