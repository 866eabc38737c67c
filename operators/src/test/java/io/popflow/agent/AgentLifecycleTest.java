package io.popflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.task.QuadraticTask;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.Task;
import io.popflow.testing.TestConfigs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentLifecycleTest {
    private static final int INTERVAL = 20;

    private final HyperparameterSpace space = space();
    private final QuadraticTask task =
            new QuadraticTask(new double[] {1, 2, 3}, new double[] {1, -1, 0.5}, new double[] {0.8, -0.7, 0.4});
    private final AgentLifecycle lifecycle = lifecycle(task, INTERVAL, FitnessEstimate.last());
    private final RecordingEffects fx = new RecordingEffects();

    private AgentLifecycle lifecycle(Task t, int interval, FitnessEstimate fitness) {
        return new AgentLifecycle(
                t, TestConfigs.pbt(new QuadraticTaskSpec(3, 1, 3, 1, 0), space, 4, 3, interval, fitness, 1));
    }

    private static HyperparameterSpace space() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(0.01, 0.3, Domain.Scale.LOG, false));
        return new HyperparameterSpace(UpdateRule.SGD, m, Map.of(Hyperparameter.MOMENTUM, 0.5));
    }

    private AgentState trainedAgent(int id) {
        AgentState s = lifecycle.create(id, new InitialHyperparameters(new double[] {0.1}), 1000 + id);
        while (lifecycle.train(s, 7, fx)) {
            // chunks of 7 steps until the generation's 20 are done
        }
        return s;
    }

    @Test
    void trainsInChunksAndReportsOncePerGeneration() {
        AgentState s = trainedAgent(3);
        assertThat(fx.reports).hasSize(1);
        AgentReport r = fx.reports.get(0);
        assertThat(r.agent()).isEqualTo(3);
        assertThat(r.generation()).isZero();
        assertThat(r.steps()).isEqualTo(INTERVAL);
        assertThat(r.fitness()).isEqualTo(-task.validate(s.params).loss());
        assertThat(s.phase).isEqualTo(Phase.REPORTED);
        assertThat(lifecycle.train(s, 7, fx)).isFalse();
        assertThat(fx.reports).hasSize(1);
    }

    /** The chunk size is scheduling only: 20 steps in chunks of 7 or of 20 give the same bits. */
    @Test
    void chunkingDoesNotChangeTheTrajectory() {
        AgentState a = trainedAgent(1);
        AgentState b = lifecycle.create(1, new InitialHyperparameters(new double[] {0.1}), 1001);
        lifecycle.train(b, INTERVAL, fx);
        assertThat(b.params).containsExactly(a.params);
        assertThat(b.rng).isEqualTo(a.rng);
    }

    @Test
    void donorSendsEndOfGenerationWeightsAndKeepsThemForResending() {
        AgentState donor = trainedAgent(1);
        float[] endOfGeneration = donor.params.clone();
        Directive d = Directive.keep(0).sendingTo(4, 6);
        lifecycle.onDirective(donor, d, fx);
        assertThat(fx.sent).hasSize(2).allSatisfy(t -> {
            assertThat(t.params()).containsExactly(endOfGeneration);
            assertThat(t.generation()).isZero();
            assertThat(t.donor()).isEqualTo(1);
        });
        assertThat(donor.phase).isEqualTo(Phase.TRAINING);
        assertThat(donor.generation).isEqualTo(1);
        lifecycle.train(donor, 5, fx); // moves on
        assertThat(donor.params).isNotEqualTo(endOfGeneration);

        lifecycle.onDirective(donor, d, fx); // resent after a restore
        assertThat(fx.sent).hasSize(4);
        assertThat(fx.sent.get(3).params()).containsExactly(endOfGeneration);
        assertThat(donor.directivesApplied).isEqualTo(1);
        assertThat(donor.duplicatesIgnored).isEqualTo(1);
    }

    @Test
    void recipientTakesDonorWeightsOnceWhateverTheArrivalOrder() {
        AgentState donor = trainedAgent(1);
        lifecycle.onDirective(donor, Directive.keep(0).sendingTo(2), fx);
        WeightTransfer weights = fx.sent.get(0);
        double[] newH = {0.12};

        AgentState late = trainedAgent(2);
        lifecycle.onDirective(late, Directive.of(0, new Directive.Copy(1, newH)), fx);
        assertThat(late.phase).isEqualTo(Phase.AWAITING_WEIGHTS);
        lifecycle.onTransfer(late, weights, fx);

        AgentState early = trainedAgent(2);
        lifecycle.onTransfer(early, weights, fx);
        assertThat(early.phase).isEqualTo(Phase.REPORTED);
        lifecycle.onDirective(early, Directive.of(0, new Directive.Copy(1, newH)), fx);

        for (AgentState s : new AgentState[] {late, early}) {
            assertThat(s.params).containsExactly(weights.params());
            assertThat(s.optimizerMemory).containsExactly(weights.optimizerMemory());
            assertThat(s.hyperparameters).containsExactly(newH);
            assertThat(s.phase).isEqualTo(Phase.TRAINING);
            assertThat(s.generation).isEqualTo(1);
            assertThat(s.transfersApplied).isEqualTo(1);
            lifecycle.onTransfer(s, weights, fx); // a resent copy
            assertThat(s.transfersApplied).isEqualTo(1);
            assertThat(s.duplicatesIgnored).isEqualTo(1);
        }
        assertThat(early.params).containsExactly(late.params);
    }

    @Test
    void recipientKeepsItsOwnRandomStream() {
        AgentState donor = trainedAgent(1);
        AgentState recipient = trainedAgent(2);
        lifecycle.onDirective(donor, Directive.keep(0).sendingTo(2), fx);
        lifecycle.onDirective(recipient, Directive.of(0, new Directive.Copy(1, new double[] {0.1})), fx);
        lifecycle.onTransfer(recipient, fx.sent.get(0), fx);
        assertThat(recipient.rng).isNotEqualTo(donor.rng);
    }

    /**
     * Adam on a gradient task: its two moments and step count are the agent's; a recipient takes θ
     * and, by default, starts its optimizer afresh (the seed authors' choice), or with {@code
     * exploit.optimizer: copy} takes the donor's memory and step count.
     */
    @Test
    void adamRecipientsStartTheirOptimizerAfreshUnlessTheyCopyIt() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(0.001, 0.1, Domain.Scale.LOG, false));
        HyperparameterSpace adam = new HyperparameterSpace(UpdateRule.ADAM, m, Map.of());
        for (CopyPolicy.Optimizer policy : CopyPolicy.Optimizer.values()) {
            PopulationConfig c = TestConfigs.pbt(
                    new QuadraticTaskSpec(3, 1, 3, 1, 0), adam, 4, 3, INTERVAL, FitnessEstimate.last(), 1);
            PopulationConfig config = new PopulationConfig(
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
                    new CopyPolicy(policy, CopyPolicy.Replay.CLEAR),
                    c.fitness(),
                    false,
                    c.parallelism(),
                    c.maxParallelism(),
                    c.checkpointIntervalMs());
            AgentLifecycle l = new AgentLifecycle(task, config);
            RecordingEffects effects = new RecordingEffects();
            AgentState donor = l.create(1, new InitialHyperparameters(new double[] {0.01}), 11);
            AgentState recipient = l.create(2, new InitialHyperparameters(new double[] {0.01}), 12);
            l.train(donor, INTERVAL, effects);
            l.train(recipient, INTERVAL, effects);
            assertThat(donor.optimizerMemory).hasSize(2 * donor.params.length);
            assertThat(donor.optimizerSteps).isEqualTo(INTERVAL);
            float[] moments = donor.optimizerMemory.clone();
            l.onDirective(donor, Directive.keep(0).sendingTo(2), effects);
            l.onDirective(recipient, Directive.of(0, new Directive.Copy(1, new double[] {0.02})), effects);
            l.onTransfer(recipient, effects.sent.get(0), effects);
            assertThat(recipient.params).containsExactly(donor.params);
            if (policy == CopyPolicy.Optimizer.RESET) {
                assertThat(recipient.optimizerMemory).hasSize(moments.length).containsOnly(0f);
                assertThat(recipient.optimizerSteps).isZero();
            } else {
                assertThat(recipient.optimizerMemory).containsExactly(moments);
                assertThat(recipient.optimizerSteps).isEqualTo(INTERVAL);
            }
        }
    }

    @Test
    void aDirectiveForAnUnreportedGenerationIsABug() {
        AgentState s = lifecycle.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        assertThatThrownBy(() -> lifecycle.onDirective(s, Directive.keep(0), fx))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopEmitsTheFinalRecordAndTestsOnlyTheBest() {
        AgentState best = trainedAgent(1);
        AgentState other = trainedAgent(2);
        lifecycle.onDirective(best, Directive.stop(0, true), fx);
        lifecycle.onDirective(other, Directive.stop(0, false), fx);
        assertThat(fx.finals).hasSize(2);
        assertThat(fx.finals.get(0).isTested()).isTrue();
        assertThat(fx.finals.get(0).testLoss()).isEqualTo(task.test(best.params).loss());
        assertThat(fx.finals.get(0).paramsSha256())
                .isEqualTo(AgentLifecycle.sha256(best.params))
                .hasSize(64);
        assertThat(fx.finals.get(1).isTested()).isFalse();
        assertThat(best.phase).isEqualTo(Phase.STOPPED);
        lifecycle.onDirective(best, Directive.stop(0, true), fx);
        assertThat(fx.finals).hasSize(2);
    }

    /**
     * Gradient descent with ηH = 10 grows θ ninefold per step and overflows float32 within ~40 steps:
     * the generation ends at once with a diverged report, not an exception.
     */
    @Test
    void divergenceIsReportedNotThrown() {
        QuadraticTask steep = new QuadraticTask(new double[] {100, 100, 100}, new double[3], new double[3]);
        AgentLifecycle diverging = lifecycle(steep, 500, FitnessEstimate.last());
        AgentState s = diverging.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        while (diverging.train(s, 50, fx)) {
            // until the report
        }
        AgentReport r = fx.reports.get(0);
        assertThat(r.diverged()).isTrue();
        assertThat(r.fitness()).isNaN();
        assertThat(r.steps()).isLessThan(500);
        assertThat(s.phase).isEqualTo(Phase.REPORTED);
    }

    /** The window estimate is the mean fitness over the window's evaluations; the last value is reported beside it. */
    @Test
    void windowEstimateAveragesTheEndOfTheWindow() {
        AgentLifecycle windowed = lifecycle(task, 20, new FitnessEstimate(FitnessEstimator.WINDOW, 0.5, 2, 0.5, 0));
        AgentState s = windowed.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        AgentState twin = lifecycle.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        double sum = 0;
        int count = 0;
        for (int step = 1; step <= 20; step++) {
            lifecycle.train(twin, 1, new RecordingEffects());
            if (step > 10 && (20 - step) % 2 == 0) {
                sum += task.fitness(task.validate(twin.params));
                count++;
            }
        }
        windowed.train(s, 20, fx);
        AgentReport r = fx.reports.get(0);
        assertThat(count).isEqualTo(5);
        assertThat(r.fitness()).isEqualTo(sum / count);
        assertThat(r.rawFitness()).isEqualTo(task.fitness(task.validate(s.params)));
        assertThat(r.trueFitness()).isEqualTo(task.closedFormFitness(space.resolve(s.hyperparameters)));
    }

    /** The exponential average carries over generations and travels with the weights. */
    @Test
    void emaCarriesOverGenerationsAndTravelsWithTheWeights() {
        AgentLifecycle ema = lifecycle(task, INTERVAL, new FitnessEstimate(FitnessEstimator.EMA, 0.5, 1, 0.75, 0));
        AgentState donor = ema.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        ema.train(donor, INTERVAL, fx);
        double first = fx.reports.get(0).rawFitness();
        assertThat(fx.reports.get(0).fitness()).isEqualTo(first);
        ema.onDirective(donor, Directive.keep(0).sendingTo(2), fx);
        ema.train(donor, INTERVAL, fx);
        AgentReport second = fx.reports.get(1);
        assertThat(second.fitness()).isEqualTo(0.75 * first + 0.25 * second.rawFitness());
        AgentState recipient = ema.create(2, new InitialHyperparameters(new double[] {0.2}), 2);
        ema.train(recipient, INTERVAL, fx);
        ema.onDirective(recipient, Directive.of(0, new Directive.Copy(1, new double[] {0.1})), fx);
        ema.onTransfer(recipient, fx.sent.get(0), fx);
        assertThat(recipient.fitnessMemory).isEqualTo(first);
    }

    @Test
    void closedFormEstimateIsTheTasksEffectiveFitness() {
        AgentLifecycle exact = lifecycle(task, INTERVAL, FitnessEstimate.of(FitnessEstimator.CLOSED_FORM));
        AgentState s = exact.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        exact.train(s, INTERVAL, fx);
        assertThat(fx.reports.get(0).fitness()).isEqualTo(task.closedFormFitness(space.resolve(new double[] {0.1})));
    }

    /** Merging: after its weights for the next generation are in place, θ ← (1 − γ)θ + γ θ̄. */
    @Test
    void mergePullsTheNextGenerationsWeights() {
        AgentState s = trainedAgent(1);
        float[] before = s.params.clone();
        float[] target = {1, 1, 1};
        lifecycle.onDirective(
                s, new Directive(0, new int[0], new Directive.Merge(target, 0.25), new Directive.Keep()), fx);
        for (int i = 0; i < before.length; i++) {
            assertThat(s.params[i]).isEqualTo((float) (0.75 * before[i] + 0.25));
        }
    }

    /** Asynchronous mode: weights are kept at every report and sent, numbered by the recipient, on request. */
    @Test
    void asynchronousDonorsAnswerRequestsWithTheirLastReport() {
        AgentLifecycle async = new AgentLifecycle(task, asyncConfig());
        AgentState donor = async.create(1, new InitialHyperparameters(new double[] {0.1}), 1);
        async.train(donor, INTERVAL, fx);
        float[] reported = donor.params.clone();
        async.onDirective(donor, Directive.keep(0), fx);
        async.train(donor, 5, fx); // moves on
        async.onWeightRequest(donor, new WeightRequest(2, 3), fx);
        WeightTransfer t = fx.sent.get(0);
        assertThat(t.params()).containsExactly(reported);
        assertThat(t.generation()).isEqualTo(3);
        assertThat(t.donor()).isEqualTo(1);
    }

    private PopulationConfig asyncConfig() {
        PopulationConfig c =
                TestConfigs.pbt(new QuadraticTaskSpec(3, 1, 3, 1, 0), space, 4, 3, INTERVAL, FitnessEstimate.last(), 1);
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
                c.exploit(),
                c.fitness(),
                true,
                c.parallelism(),
                c.maxParallelism(),
                c.checkpointIntervalMs());
    }

    @Test
    void resetRestartsFromFreshWeights() {
        AgentState s = trainedAgent(1);
        float[] before = s.params.clone();
        lifecycle.onDirective(s, Directive.of(0, new Directive.Reset(new double[] {0.05})), fx);
        assertThat(s.params).isNotEqualTo(before);
        assertThat(s.hyperparameters).containsExactly(0.05);
        assertThat(s.phase).isEqualTo(Phase.TRAINING);
    }
}
