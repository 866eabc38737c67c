package io.popflow.agent;

import io.popflow.config.PopulationConfig;
import io.popflow.data.StreamedExamples;
import io.popflow.fast.HyperparameterValues;
import io.popflow.math.SplitMix64;
import io.popflow.model.Evaluation;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.CustomTrainableTaskSpec;
import io.popflow.task.GradientTaskSpec;

/**
 * The fast dynamics of one kind of agent: what a step is and the part of {@link AgentState} it
 * owns (θ and the optimizer memory always; a reinforcement learner also its target network, replay
 * memory, environment and episode returns; a user's trainable its own saved state). {@link AgentLifecycle} drives it through the generation
 * protocol and never looks inside.
 *
 * <p>One instance per task thread: it may hold scratch buffers. Everything random comes from the
 * agent's stream, passed in.
 */
public interface Learner {

    /** The learner of {@code config}'s task, for one thread. */
    static Learner of(PopulationConfig config) {
        if (config.task() instanceof ControlTaskSpec control) {
            return new DqnAgentLearner(
                    control,
                    config.exploit(),
                    config.isEvolutionStrategy() ? config.strategy().episodes() : 0);
        }
        if (config.task() instanceof CustomTrainableTaskSpec trainable) {
            return new TrainableLearner(trainable);
        }
        return new GradientLearner(
                ((GradientTaskSpec) config.task()).create(config.seed()),
                config.space().rule(),
                config.exploit());
    }

    /** Length of θ. */
    int dimension();

    /** Fresh weights and learner memory, drawn from {@code rng}; a reset agent gets these too. */
    void initialize(AgentState s, SplitMix64 rng);

    /**
     * One fast step with hyperparameters {@code h}. Returns the step's training loss (0 for a step
     * that took no gradient step), not finite if the agent diverged.
     */
    double step(AgentState s, HyperparameterValues h, SplitMix64 rng);

    /** The fitness of θ now, as the window estimator samples it during a generation. */
    double currentFitness(AgentState s);

    /** The end-of-generation measurement of an agent that did not diverge. */
    GenerationMeasure measure(AgentState s);

    /** Prepares the learner's memory for the next generation (after any copy or merge). */
    void startGeneration(AgentState s, SplitMix64 rng);

    /** Takes a donor's weights (and, by the copy policy, its optimizer memory). */
    void adopt(AgentState s, WeightTransfer t);

    /** Performance of the final best agent on held-out data or greedy episodes. */
    TestResult test(AgentState s);

    /** The effective fitness F(h) in closed form, NaN if the task has none. */
    double closedFormFitness(HyperparameterValues h);

    /** The buffers a stream fills, or null where the data is fixed. */
    default StreamedExamples streamedExamples() {
        return null;
    }

    /**
     * A final agent's test: loss and accuracy on the test set (gradient tasks), or the mean return
     * of greedy episodes (control tasks); NaN where not applicable.
     */
    record TestResult(double loss, double accuracy, double episodeReturn, double meanAbsoluteError, double r2) {
        public static final TestResult NONE = new TestResult(Double.NaN, Double.NaN, Double.NaN);

        public TestResult(double loss, double accuracy, double episodeReturn) {
            this(loss, accuracy, episodeReturn, Double.NaN, Double.NaN);
        }

        public static TestResult of(Evaluation e) {
            return new TestResult(e.loss(), e.accuracy(), Double.NaN, e.meanAbsoluteError(), e.r2());
        }
    }
}
