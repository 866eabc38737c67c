package io.popflow.agent;

import io.popflow.api.Hyperparameters;
import io.popflow.api.Trainable;
import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.HyperparameterValues;
import io.popflow.math.SplitMix64;
import io.popflow.task.CustomTrainableTaskSpec;
import java.util.List;

/**
 * A user's {@link Trainable} as an agent's fast dynamics: a step is the user's step, fitness the
 * user's fitness, and exploit hands the donor's saved state to {@link Trainable#copyFrom}. The
 * agent has no θ of popflow's (an empty vector): the model is the trainable's own state, in {@link
 * AgentState#trainable}, and its digest is that of the saved bytes.
 *
 * <p>An exception from the user's step or fitness is that agent's failure, not the job's: it reads
 * as a diverged agent, replaced at the next selection, so the run goes on instead of restarting into
 * the same exception.
 */
final class TrainableLearner implements Learner {
    private static final float[] NO_WEIGHTS = new float[0];

    private final CustomTrainableTaskSpec spec;

    TrainableLearner(CustomTrainableTaskSpec spec) {
        this.spec = spec;
    }

    private Trainable live(AgentState s) {
        return s.trainable.live(spec::instance);
    }

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public void initialize(AgentState s, SplitMix64 rng) {
        Trainable t = spec.instance();
        t.initialize(rng);
        s.trainable = TrainableState.of(t);
        s.params = NO_WEIGHTS;
        s.optimizerMemory = NO_WEIGHTS;
        s.optimizerSteps = 0;
    }

    /** The user's step; its loss is not popflow's to know, so a step that returns is a loss of 0. */
    @Override
    public double step(AgentState s, HyperparameterValues h, SplitMix64 rng) {
        try {
            live(s).step(new Named(h.fast()), rng);
            return 0;
        } catch (RuntimeException userFailure) {
            return Double.NaN;
        }
    }

    @Override
    public double currentFitness(AgentState s) {
        try {
            return live(s).fitness();
        } catch (RuntimeException userFailure) {
            return Double.NaN;
        }
    }

    @Override
    public GenerationMeasure measure(AgentState s) {
        return new GenerationMeasure(currentFitness(s), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Override
    public void startGeneration(AgentState s, SplitMix64 rng) {}

    @Override
    public void adopt(AgentState s, WeightTransfer t) {
        if (s.trainable == null) {
            s.trainable = TrainableState.of(spec.instance());
        }
        live(s).copyFrom(t.trainable().clone());
        s.params = NO_WEIGHTS;
        s.optimizerMemory = NO_WEIGHTS;
        s.optimizerSteps = 0;
    }

    /**
     * popflow holds no test data of a user's model: as for a user's objective, the test of the final
     * best agent is its own measure, its loss minus its fitness.
     */
    @Override
    public TestResult test(AgentState s) {
        return new TestResult(-currentFitness(s), Double.NaN, Double.NaN);
    }

    @Override
    public double closedFormFitness(HyperparameterValues h) {
        return Double.NaN;
    }

    /** popflow's fast hyperparameters under their configuration names. */
    private record Named(FastHyperparameters h) implements Hyperparameters {
        private static final List<String> NAMES =
                List.of("lr", "momentum", "weight_decay", "temperature", "batch_size");

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public double get(String name) {
            return switch (name) {
                case "lr" -> h.learningRate();
                case "momentum" -> h.momentum();
                case "weight_decay" -> h.weightDecay();
                case "temperature" -> h.temperature();
                case "batch_size" -> h.batchSize();
                default ->
                    throw new IllegalArgumentException(
                            "no hyperparameter '" + name + "': a trainable's h has " + String.join(", ", NAMES));
            };
        }
    }
}
