package io.popflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.env.CartPole;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.TdLoss;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.task.ControlTaskSpec;
import io.popflow.testing.TestConfigs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A DQN agent driven through the generation protocol: what a copy takes from the donor and what
 * stays the recipient's own (reference/cartpole.md's bookkeeping), and how a generation starts.
 */
class DqnAgentTest {
    private static final int INTERVAL = 300;
    private static final double[] H = {1e-3, 800, 16};

    private final RecordingEffects fx = new RecordingEffects();

    private static PopulationConfig config(CopyPolicy exploit) {
        DqnSettings dqn = new DqnSettings(
                new ClassicControl(ClassicControl.CARTPOLE, 100),
                new int[] {16},
                0.99,
                100,
                1_000,
                TdLoss.MSE,
                0.01,
                false,
                32);
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-4, 1e-2, Domain.Scale.LOG, false));
        m.put(ControlTaskSpec.EPSILON_DECAY, new Domain.Interval(500, 5000, Domain.Scale.LINEAR, false));
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Interval(16, 32, Domain.Scale.LINEAR, true));
        HyperparameterSpace space =
                new HyperparameterSpace(UpdateRule.ADAM, m, Map.of(), List.of(ControlTaskSpec.EPSILON_DECAY));
        PopulationConfig c =
                TestConfigs.pbt(new ControlTaskSpec(dqn, 2, true, 5), space, 4, 3, INTERVAL, FitnessEstimate.last(), 1);
        return new PopulationConfig(
                c.seed(),
                c.population(),
                c.generations(),
                c.perturbationInterval(),
                c.chunkSteps(),
                c.task(),
                c.space(),
                c.selection(),
                c.mutation(),
                c.merge(),
                exploit,
                c.fitness(),
                false,
                c.parallelism(),
                c.maxParallelism(),
                c.checkpointIntervalMs());
    }

    private AgentState trained(AgentLifecycle lifecycle, int id) {
        AgentState s = lifecycle.create(id, new InitialHyperparameters(H), 1_000 + id);
        lifecycle.train(s, INTERVAL, fx);
        return s;
    }

    /** Donor 0 sends, recipient 1 copies: the donor's end-of-generation Q-network is the recipient's Q and target. */
    private static AgentState copied(
            AgentLifecycle lifecycle, AgentState donor, AgentState recipient, RecordingEffects fx) {
        lifecycle.onDirective(donor, Directive.keep(0).sendingTo(1), fx);
        lifecycle.onDirective(recipient, Directive.of(0, new Directive.Copy(0, new double[] {2e-3, 900, 20})), fx);
        lifecycle.onTransfer(recipient, fx.sent.get(0), fx);
        return recipient;
    }

    @Test
    void aCopyTakesTheQNetworkIntoBothNetworksAndStartsTheOptimizerAndMemoryAfresh() {
        AgentLifecycle lifecycle = new AgentLifecycle(config(CopyPolicy.defaults(UpdateRule.ADAM)));
        AgentState donor = trained(lifecycle, 0);
        AgentState recipient = trained(lifecycle, 1);
        float[] donorQ = donor.params.clone();
        long ownSteps = recipient.rl.steps;
        assertThat(recipient.rl.replay.size()).isEqualTo(INTERVAL);
        assertThat(recipient.rl.returns.finished()).isPositive();

        copied(lifecycle, donor, recipient, fx);

        assertThat(recipient.phase).isEqualTo(Phase.TRAINING);
        assertThat(recipient.generation).isEqualTo(1);
        assertThat(recipient.params).isEqualTo(donorQ).isSameAs(recipient.rl.q);
        assertThat(recipient.rl.target).isEqualTo(donorQ).isNotSameAs(recipient.params);
        assertThat(recipient.optimizerMemory).hasSize(2 * donorQ.length).containsOnly(0f);
        assertThat(recipient.optimizerSteps).isZero();
        assertThat(recipient.rl.replay.size()).isZero();
        assertThat(recipient.rl.returns.finished())
                .as("window of returns cleared")
                .isZero();
        assertThat(recipient.rl.steps).as("ε's clock is the recipient's own").isEqualTo(ownSteps);
        assertThat(recipient.hyperparameters).containsExactly(2e-3, 900, 20);
        assertThat(recipient.rl.episodeReturn).as("a fresh episode").isZero();
        assertThat(((CartPole) recipient.rl.environment).steps())
                .as("episode step")
                .isZero();
        // the donor goes on with its own networks and memory
        assertThat(donor.rl.replay.size()).isEqualTo(INTERVAL);
        assertThat(donor.optimizerSteps).isPositive();
    }

    @Test
    void withCopyAndKeepTheDonorsOptimizerComesAndTheRecipientKeepsItsMemory() {
        AgentLifecycle lifecycle =
                new AgentLifecycle(config(new CopyPolicy(CopyPolicy.Optimizer.COPY, CopyPolicy.Replay.KEEP)));
        AgentState donor = trained(lifecycle, 0);
        AgentState recipient = trained(lifecycle, 1);
        float[] donorMoments = donor.optimizerMemory.clone();
        long donorT = donor.optimizerSteps;
        copied(lifecycle, donor, recipient, fx);
        assertThat(recipient.optimizerMemory).isEqualTo(donorMoments).isSameAs(recipient.rl.moments);
        assertThat(recipient.optimizerSteps).isEqualTo(donorT);
        assertThat(recipient.rl.replay.size()).isEqualTo(INTERVAL);
        assertThat(recipient.rl.returns.finished()).isZero();
    }

    /** Every generation starts on a fresh episode; the unfinished one is dropped and never counted. */
    @Test
    void aGenerationStartsOnAFreshEpisodeAndKeepsTheWindow() {
        AgentLifecycle lifecycle = new AgentLifecycle(config(CopyPolicy.defaults(UpdateRule.ADAM)));
        AgentState s = trained(lifecycle, 0);
        AgentReport report = fx.reports.get(0);
        int finished = s.rl.returns.finished();
        double windowMean = s.rl.returns.windowMean();
        assertThat(report.episodeReturn()).isEqualTo(s.rl.returns.generationMean());
        assertThat(report.fitness()).isEqualTo(s.rl.returns.fitness(true, 100, s.rl.episodeReturn));
        assertThat(report.validationLoss()).isNaN();
        assertThat(report.trainLoss()).isFinite().isPositive();

        lifecycle.onDirective(s, Directive.keep(0), fx);
        assertThat(s.rl.episodeReturn).isZero();
        assertThat(((CartPole) s.rl.environment).steps()).isZero();
        assertThat(s.rl.returns.generationEpisodes()).isZero();
        assertThat(s.rl.returns.finished()).isEqualTo(finished);
        assertThat(s.rl.returns.windowMean()).isEqualTo(windowMean);
        assertThat(s.rl.steps).isEqualTo(INTERVAL);
    }

    /** The final best agent is tested on greedy episodes, from a stream that leaves its own untouched. */
    @Test
    void theBestAgentIsTestedOnGreedyEpisodes() {
        AgentLifecycle lifecycle = new AgentLifecycle(config(CopyPolicy.defaults(UpdateRule.ADAM)));
        AgentState s = trained(lifecycle, 0);
        long rng = s.rng;
        FinalAgent tested = lifecycle.finalRecord(s, true);
        assertThat(tested.testReturn()).isBetween(1.0, 100.0);
        assertThat(tested.isTested()).isTrue();
        assertThat(s.rng).isEqualTo(rng);
        assertThat(lifecycle.finalRecord(s, true).testReturn()).isEqualTo(tested.testReturn());
        assertThat(lifecycle.finalRecord(s, false).isTested()).isFalse();
    }
}
