package io.popflow.agent;

import io.popflow.api.Environment;
import io.popflow.config.CopyPolicy;
import io.popflow.fast.HyperparameterValues;
import io.popflow.math.SplitMix64;
import io.popflow.rl.DqnLearner;
import io.popflow.rl.DqnState;
import io.popflow.task.ControlTaskSpec;

/**
 * A DQN agent: a step is one environment step and, once the replay memory holds a batch, one Adam
 * step ({@link DqnLearner}). Its h: {@code lr}, {@code batch_size}, {@code weight_decay} and the
 * task's {@code epsilon_decay}. Fitness is the episode-return rule of {@link ControlTaskSpec}; as a
 * member of an evolution strategy, the mean return of greedy episodes of its current Q-network.
 *
 * <p>The agent's θ, optimizer memory and step count are {@link AgentState}'s own fields (so that
 * digests, merging and copies treat every learner alike); {@link #bind} points the learner's view
 * at them before every use, so nothing is stored twice.
 */
final class DqnAgentLearner implements Learner {
    private static final long MEMBER_STREAM = 0xe5_e7a1_0a7eL;

    private final ControlTaskSpec spec;
    private final CopyPolicy copy;
    private final DqnLearner dqn;
    private final double maxReturn;
    /** Greedy episodes that evaluate an ES member; 0 for the DQN fitness rule. */
    private final int memberEpisodes;

    /**
     * The optimizer is Adam or AdamW (PopulationConfig refuses others), as {@code spec.dqn()} says.
     *
     * @param memberEpisodes greedy episodes per evaluation of an ES member, 0 outside ES
     */
    DqnAgentLearner(ControlTaskSpec spec, CopyPolicy copy, int memberEpisodes) {
        this.spec = spec;
        this.copy = copy;
        this.memberEpisodes = memberEpisodes;
        this.dqn = new DqnLearner(spec.dqn());
        this.maxReturn = spec.dqn().environment().maxReturn();
    }

    private static DqnState bind(AgentState s) {
        DqnState d = s.rl;
        d.q = s.params;
        d.moments = s.optimizerMemory;
        d.adamSteps = s.optimizerSteps;
        return d;
    }

    @Override
    public int dimension() {
        return dqn.architecture().parameterCount();
    }

    /** A new Q-network, target, optimizer, memory and episode; a reset agent keeps only its ε clock. */
    @Override
    public void initialize(AgentState s, SplitMix64 rng) {
        long steps = s.rl == null ? 0 : s.rl.steps;
        DqnState d = dqn.create(rng, spec.episodes());
        d.steps = steps;
        s.rl = d;
        s.params = d.q;
        s.optimizerMemory = d.moments;
        s.optimizerSteps = 0;
    }

    @Override
    public double step(AgentState s, HyperparameterValues h, SplitMix64 rng) {
        DqnState d = bind(s);
        double before = d.lossSum;
        dqn.step(
                d,
                h.fast().learningRate(),
                h.task()[0],
                h.fast().batchSize(),
                h.fast().weightDecay(),
                rng);
        s.optimizerSteps = d.adamSteps;
        return d.lossSum - before;
    }

    @Override
    public double currentFitness(AgentState s) {
        if (memberEpisodes > 0) {
            // a stream derived from the agent's, which it leaves untouched: the evaluation changes nothing
            return greedyReturn(s.params, new SplitMix64(SplitMix64.derive(s.rng, MEMBER_STREAM)), memberEpisodes);
        }
        return s.rl.returns.fitness(spec.maxRule(), maxReturn, s.rl.episodeReturn);
    }

    @Override
    public GenerationMeasure measure(AgentState s) {
        DqnState d = s.rl;
        double trainLoss = d.gradientSteps == 0 ? Double.NaN : d.lossSum / d.gradientSteps;
        double fitness = currentFitness(s);
        return new GenerationMeasure(
                fitness, trainLoss, Double.NaN, Double.NaN, memberEpisodes > 0 ? fitness : d.returns.generationMean());
    }

    /** Every generation starts on a fresh episode: the unfinished one is dropped, its return never counted. */
    @Override
    public void startGeneration(AgentState s, SplitMix64 rng) {
        DqnState d = bind(s);
        d.returns.startGeneration();
        dqn.startEpisode(d, rng);
        d.lossSum = 0;
        d.gradientSteps = 0;
    }

    /**
     * The donor's Q-network becomes the Q- and the target network; the window of returns is
     * cleared; the ε clock stays the recipient's own step count.
     */
    @Override
    public void adopt(AgentState s, WeightTransfer t) {
        DqnState d = s.rl;
        s.params = t.params().clone();
        d.target = t.params().clone();
        boolean keep = copy.optimizer() == CopyPolicy.Optimizer.COPY;
        s.optimizerMemory = keep ? t.optimizerMemory().clone() : new float[2 * s.params.length];
        s.optimizerSteps = keep ? t.optimizerSteps() : 0;
        if (copy.replay() == CopyPolicy.Replay.CLEAR) {
            d.replay.clear();
        }
        d.returns.clearWindow();
        bind(s);
    }

    /** Mean return of greedy episodes on a stream derived from the agent's (which it leaves untouched). */
    @Override
    public TestResult test(AgentState s) {
        SplitMix64 rng = new SplitMix64(ControlTaskSpec.testEpisodesSeed(s.rng));
        return new TestResult(Double.NaN, Double.NaN, greedyReturn(s.params, rng, spec.testEpisodes()));
    }

    /** Mean return of {@code episodes} episodes of the greedy policy of Q-network {@code q}. */
    private double greedyReturn(float[] q, SplitMix64 rng, int episodes) {
        Environment env = spec.dqn().environment().create();
        float[] observation = new float[env.observationSize()];
        double sum = 0;
        for (int e = 0; e < episodes; e++) {
            double[] o = env.reset(rng);
            boolean done = false;
            while (!done) {
                for (int i = 0; i < o.length; i++) {
                    observation[i] = (float) o[i];
                }
                Environment.Step step = env.step(dqn.greedyAction(q, observation));
                sum += step.reward();
                o = step.observation();
                done = step.done();
            }
        }
        return sum / episodes;
    }

    @Override
    public double closedFormFitness(HyperparameterValues h) {
        return Double.NaN;
    }
}
