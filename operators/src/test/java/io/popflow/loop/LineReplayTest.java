package io.popflow.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentState;
import io.popflow.agent.Directive;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.model.Activation;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.TdLoss;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.LineOfDescent;
import io.popflow.slow.ModelMerge;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.FitnessMetric;
import io.popflow.testing.TestConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The winner's line retrained alone ends with the winner's weights, bit for bit: against a whole
 * population run (the plain loop, which runs the job's agent and population code), for Langevin,
 * SGD with momentum on the digits, and DQN agents; each replayed generation ends with the agent's
 * logged stream position and the same fitness.
 */
class LineReplayTest {

    @Test
    void langevinAgentsOnTheQuadratic() throws Exception {
        assertReplaysTheWinner(TestConfigs.quadratic(8, 20, 2));
    }

    @Test
    void sgdWithMomentumOnTheDigits() throws Exception {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-3, 0.5, Domain.Scale.LOG, false));
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Choice(new double[] {8, 16, 32}));
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGD, m, Map.of(Hyperparameter.MOMENTUM, 0.9));
        DigitsTaskSpec digits =
                new DigitsTaskSpec(new int[] {16}, Activation.RELU, 0.6, 0.2, FitnessMetric.NEGATIVE_LOSS);
        assertReplaysTheWinner(TestConfigs.pbt(digits, space, 8, 6, 20, FitnessEstimate.last(), 2));
    }

    @Test
    void dqnAgentsThatClearTheirMemoryOnACopy() throws Exception {
        DqnSettings dqn = new DqnSettings(
                new ClassicControl(ClassicControl.CARTPOLE, 100),
                new int[] {16},
                0.99,
                50,
                1_000,
                TdLoss.MSE,
                0.01,
                false,
                16);
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-4, 1e-2, Domain.Scale.LOG, false));
        m.put(ControlTaskSpec.EPSILON_DECAY, new Domain.Interval(200, 2000, Domain.Scale.LINEAR, false));
        HyperparameterSpace space = new HyperparameterSpace(
                UpdateRule.ADAM, m, Map.of(Hyperparameter.BATCH_SIZE, 16.0), List.of(ControlTaskSpec.EPSILON_DECAY));
        assertReplaysTheWinner(
                TestConfigs.pbt(new ControlTaskSpec(dqn, 2, true, 5), space, 8, 5, 150, FitnessEstimate.last(), 2));
    }

    @Test
    void aLineThatBeginsWithAReset() {
        PopulationConfig config = TestConfigs.quadratic(2, 3, 1);
        AgentLifecycle lifecycle = new AgentLifecycle(config);
        double[] h0 = {0.1, 0.01};
        double[] h1 = {0.5, 0.001};
        AgentState s = lifecycle.create(3, new InitialHyperparameters(h0), 99);
        List<AgentReport> reports = trainWindow(lifecycle, s);
        AgentReport before = reports.get(0);
        lifecycle.onDirective(s, Directive.of(0, new Directive.Reset(h1)), null);
        reports.addAll(trainWindow(lifecycle, s));
        lifecycle.onDirective(s, Directive.keep(1), null);
        reports.addAll(trainWindow(lifecycle, s));

        LineReplay.Result replay = new LineReplay(config)
                .run(List.of(
                        new LineReplay.Step(1, 3, h1, new LineReplay.Reset(before.rngState(), before.steps())),
                        new LineReplay.Step(2, 3, h1, new LineReplay.Continued())));

        assertThat(replay.last().paramsSha256()).isEqualTo(AgentLifecycle.sha256(s.params));
        assertThat(replay.reports())
                .extracting(AgentReport::rngState)
                .containsExactly(reports.get(1).rngState(), reports.get(2).rngState());
    }

    @Test
    void saysWhichRunsCannotBeReplayed() {
        PopulationConfig c = TestConfigs.quadratic(4, 3, 1);
        assertThat(LineReplay.whyNot(c)).isEmpty();
        PopulationConfig merging = new PopulationConfig(
                c.seed(),
                c.population(),
                c.generations(),
                c.perturbationInterval(),
                c.chunkSteps(),
                c.task(),
                c.space(),
                c.selection(),
                c.mutation(),
                new ModelMerge(0.5, 0.25),
                c.exploit(),
                c.fitness(),
                false,
                c.parallelism(),
                c.maxParallelism(),
                c.checkpointIntervalMs());
        assertThat(LineReplay.whyNot(merging)).get().asString().contains("merging");
        PopulationConfig asynchronous = new PopulationConfig(
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
        assertThat(LineReplay.whyNot(asynchronous)).get().asString().contains("asynchronous");
    }

    private static List<AgentReport> trainWindow(AgentLifecycle lifecycle, AgentState s) {
        List<AgentReport> out = new ArrayList<>();
        io.popflow.agent.AgentEffects fx = new io.popflow.agent.AgentEffects() {
            @Override
            public void report(AgentReport r) {
                out.add(r);
            }

            @Override
            public void send(int recipient, io.popflow.agent.WeightTransfer t) {}

            @Override
            public void finish(FinalAgent f) {}
        };
        while (lifecycle.train(s, Integer.MAX_VALUE, fx)) {
            // the window
        }
        return out;
    }

    private static void assertReplaysTheWinner(PopulationConfig config) throws Exception {
        PlainPopulationLoop.Result run = new PlainPopulationLoop(config, 2).run();
        FinalAgent winner =
                run.finals().stream().filter(FinalAgent::isTested).findFirst().orElseThrow();
        int last = config.generations() - 1;
        LineOfDescent line = LineOfDescent.trace(winner.agent(), last, run.lineage());
        Map<Long, AgentReport> logged = new HashMap<>();
        for (AgentReport r : run.reports()) {
            logged.put(LineOfDescent.key(r.generation(), r.agent()), r);
        }
        List<LineReplay.Step> steps = LineReplay.steps(line, (g, a) -> {
            AgentReport r = logged.get(LineOfDescent.key(g, a));
            return r == null ? null : new LineReplay.Logged(r.hyperparameters(), r.rngState(), r.steps());
        });
        assertThat(steps).as("the line crosses agents").anyMatch(s -> s.arrival() instanceof LineReplay.Copied);

        LineReplay.Result replay = new LineReplay(config).run(steps);

        assertThat(replay.last().paramsSha256()).isEqualTo(winner.paramsSha256());
        for (AgentReport r : replay.reports()) {
            AgentReport original = logged.get(LineOfDescent.key(r.generation(), r.agent()));
            assertThat(r.rngState())
                    .as("stream after generation %d", r.generation())
                    .isEqualTo(original.rngState());
            assertThat(Double.compare(r.rawFitness(), original.rawFitness()))
                    .as("fitness of generation %d", r.generation())
                    .isZero();
        }
        assertThat(Double.compare(replay.last().testLoss(), winner.testLoss()))
                .as("test loss")
                .isZero();
        assertThat(Double.compare(replay.last().testReturn(), winner.testReturn()))
                .as("test return")
                .isZero();
        assertThat(replay.reports()).hasSize(last + 1 - line.firstGeneration());
    }
}
