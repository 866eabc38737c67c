package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.Directive;
import io.popflow.agent.GenerationReports;
import io.popflow.config.PopulationConfig;
import io.popflow.es.DistributionSummary;
import io.popflow.es.EsGeneration;
import io.popflow.es.EvolutionStrategy;
import io.popflow.es.StrategySettings;
import io.popflow.es.StrategyStates;
import io.popflow.math.RandomStreams;
import io.popflow.task.Landscape;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.testing.BitwiseComparison;
import io.popflow.testing.TestConfigs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The slow scale of an evolution-strategy run against the strategy itself: a reference {@link
 * EvolutionStrategy} built from the settings and told each generation directly (no {@code
 * DistributionReplica}, no {@code SearchDistributions}) gives the update the operator must send,
 * bit for bit, and the members whose fitness the reports carry.
 */
class EvolutionStrategyOperatorTest {
    private static final int DIMENSION = 4;
    private static final int POPULATION = 6;
    private static final int GENERATIONS = 3;
    private static final int PARALLELISM = 2;
    private static final long SEED = 3;
    private static final double MEAN0 = 0.5;
    /** Agent 2 diverges in generation 1: its NaN fitness must reach the strategy as NaN. */
    private static final int DIVERGED_GENERATION = 1;

    private static final int DIVERGED_AGENT = 2;

    private static StrategySettings settings(StrategySettings.Kind kind) {
        return StrategySettings.of(kind).startingAt(MEAN0, 0.3);
    }

    private static PopulationConfig config(StrategySettings s) {
        return TestConfigs.es(
                new LandscapeTaskSpec(Landscape.SPHERE, DIMENSION, 1, 1, new double[DIMENSION]),
                s,
                SEED,
                POPULATION,
                GENERATIONS,
                PARALLELISM);
    }

    private static long noiseSeed(int g) {
        return RandomStreams.ES_NOISE.seed(SEED, g);
    }

    /** One generation as the reference strategy saw it: the window's table and what it must produce. */
    private record Step(GenerationReports table, EsGeneration update, double sigma, double meanNorm) {}

    /**
     * The whole run told to a reference strategy: each generation's members are drawn from it, scored
     * on a shifted sphere, reported (with trained weights, if {@code lamarckian}: the drawn member
     * moved by a per-agent offset) and told.
     */
    private static List<Step> referenceRun(StrategySettings s, boolean lamarckian) {
        double[] mean0 = new double[DIMENSION];
        Arrays.fill(mean0, MEAN0);
        EvolutionStrategy reference = s.build(mean0, POPULATION);
        List<Step> steps = new ArrayList<>();
        for (int g = 0; g < GENERATIONS; g++) {
            long seed = noiseSeed(g);
            double[][] members = EvolutionStrategy.members(reference, seed);
            double[] fitness = new double[POPULATION];
            double[][] trained = new double[POPULATION][DIMENSION];
            AgentReport[] reports = new AgentReport[POPULATION];
            for (int k = 0; k < POPULATION; k++) {
                boolean diverged = g == DIVERGED_GENERATION && k == DIVERGED_AGENT;
                float[] params = null;
                if (lamarckian) {
                    params = new float[DIMENSION];
                    for (int i = 0; i < DIMENSION; i++) {
                        params[i] = diverged ? Float.NaN : (float) (members[k][i] + 0.01 * (k + 1));
                        trained[k][i] = params[i];
                    }
                }
                double f = 0;
                for (int i = 0; i < DIMENSION; i++) {
                    double x = lamarckian ? trained[k][i] : members[k][i];
                    f -= (x - 1) * (x - 1);
                }
                fitness[k] = diverged ? Double.NaN : f;
                reports[k] = new AgentReport(
                        k,
                        g,
                        10L * (g + 1),
                        new double[0],
                        fitness[k],
                        fitness[k],
                        Double.NaN,
                        -fitness[k],
                        -fitness[k],
                        Double.NaN,
                        Double.NaN,
                        diverged,
                        params,
                        -1,
                        k);
            }
            EsGeneration update;
            if (lamarckian) {
                reference.tellSolutions(seed, trained, fitness);
                byte[] state = StrategyStates.encode(reference);
                update = new EsGeneration(g, seed, fitness, noiseSeed(g + 1), StrategyStates.digest(state), state);
            } else {
                reference.tell(seed, fitness);
                update = new EsGeneration(g, seed, fitness, noiseSeed(g + 1), StrategyStates.digest(reference));
            }
            double norm = 0;
            for (double m : reference.mean()) {
                norm += m * m;
            }
            steps.add(new Step(new GenerationReports(g, reports), update, reference.sigma(), Math.sqrt(norm)));
        }
        return steps;
    }

    /**
     * The commands of one generation as the operator's contract states them: the update for each
     * trainer subtask, one directive per agent (sample, or after the last generation take the
     * mean, agent 0 measuring its test loss), then after the last an end-of-run marker per channel.
     */
    private static List<AgentCommand> expectedCommands(EsGeneration update) {
        boolean last = update.generation() == GENERATIONS - 1;
        List<AgentCommand> out = new ArrayList<>();
        for (int subtask = 0; subtask < PARALLELISM; subtask++) {
            out.add(new AgentCommand.Distribution(subtask, update, 0));
        }
        for (int agent = 0; agent < POPULATION; agent++) {
            Directive.Action action = last ? new Directive.TakeMean(agent == 0) : new Directive.Sample();
            out.add(AgentCommand.directive(agent, Directive.of(update.generation(), action)));
        }
        if (last) {
            for (int channel = 0; channel < PARALLELISM; channel++) {
                out.add(new AgentCommand.EndOfRun(channel));
            }
        }
        return out;
    }

    private static long feedbackBytes(List<AgentCommand> commands) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (AgentCommand c : commands) {
            AgentCommandSerializer.INSTANCE.serialize(c, out);
        }
        return out.length();
    }

    private static OneInputStreamOperatorTestHarness<GenerationReports, AgentCommand> harness(PopulationConfig config)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<GenerationReports, AgentCommand>(
                new EvolutionStrategyOperator(config));
        h.setup(AgentCommandSerializer.INSTANCE); // as the job declares it
        return h;
    }

    private static List<DistributionSummary> distributions(OneInputStreamOperatorTestHarness<?, ?> h) {
        var out = h.getSideOutput(EvolutionStrategyOperator.DISTRIBUTION);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).toList();
    }

    /** Asserts {@code out} is exactly generations {@code from ..} of {@code run}, updates bit for bit. */
    private static void assertGenerations(
            List<Step> run, int from, List<AgentCommand> out, List<DistributionSummary> summaries) throws IOException {
        List<AgentCommand> expected = new ArrayList<>();
        List<DistributionSummary> expectedSummaries = new ArrayList<>();
        for (Step s : run.subList(from, run.size())) {
            List<AgentCommand> commands = expectedCommands(s.update());
            expected.addAll(commands);
            expectedSummaries.add(new DistributionSummary(
                    s.update().generation(),
                    s.sigma(),
                    s.meanNorm(),
                    feedbackBytes(commands),
                    commands.size(),
                    DIMENSION));
        }
        assertThat(out)
                .usingRecursiveFieldByFieldElementComparator(BitwiseComparison.fieldByFieldIgnoring("emittedMicros"))
                .containsExactlyElementsOf(expected);
        // EsGeneration's own equality: seeds and digest by value, fitness and state array by bits
        assertThat(out.stream()
                        .filter(c -> c instanceof AgentCommand.Distribution)
                        .map(c -> ((AgentCommand.Distribution) c).update())
                        .toList())
                .containsExactlyElementsOf(expected.stream()
                        .filter(c -> c instanceof AgentCommand.Distribution)
                        .map(c -> ((AgentCommand.Distribution) c).update())
                        .toList());
        // records compare doubles as Double.compare does: σ and |mean| to the bit
        assertThat(summaries).containsExactlyElementsOf(expectedSummaries);
    }

    private static void process(OneInputStreamOperatorTestHarness<GenerationReports, AgentCommand> h, List<Step> steps)
            throws Exception {
        for (Step s : steps) {
            h.processElement(new StreamRecord<>(s.table()));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = StrategySettings.Kind.class,
            names = {"OPENAI_ES", "SNES", "SEP_CMA_ES", "CMA_ES"})
    void eachUpdateIsTheStrategysOwnBitForBit(StrategySettings.Kind kind) throws Exception {
        StrategySettings s = settings(kind);
        List<Step> run = referenceRun(s, false);
        try (var h = harness(config(s))) {
            h.open();
            process(h, run);
            assertGenerations(run, 0, h.extractOutputValues(), distributions(h));
        }
    }

    @Test
    void lamarckianUpdatesCarryTheStrategysStateAfterItsTrainedMembers() throws Exception {
        StrategySettings s =
                settings(StrategySettings.Kind.SNES).withInnerSteps(2, StrategySettings.Inheritance.LAMARCKIAN);
        List<Step> run = referenceRun(s, true);
        assertThat(run).allMatch(step -> step.update().carriesState());
        try (var h = harness(config(s))) {
            h.open();
            process(h, run);
            assertGenerations(run, 0, h.extractOutputValues(), distributions(h));
        }
    }

    /**
     * A snapshot taken after each generation's update (while the agents train the next one, or after
     * the last) restores an operator that first sends that update again, emission stamp included
     * (the feedback edge may have lost it), then tells the remaining generations as the
     * uninterrupted twin does.
     */
    @Test
    void aRestoredOperatorResendsItsLatestUpdateThenContinuesAsAnUninterruptedOne() throws Exception {
        StrategySettings s = settings(StrategySettings.Kind.CMA_ES);
        PopulationConfig config = config(s);
        List<Step> run = referenceRun(s, false);
        List<AgentCommand> uninterrupted;
        List<DistributionSummary> uninterruptedSummaries;
        try (var h = harness(config)) {
            h.open();
            process(h, run);
            uninterrupted = h.extractOutputValues();
            uninterruptedSummaries = distributions(h);
        }
        int sent = 0; // the uninterrupted twin's commands up to the cut
        for (int cut = 1; cut <= GENERATIONS; cut++) {
            sent += expectedCommands(run.get(cut - 1).update()).size();
            OperatorSubtaskState snapshot;
            List<AgentCommand> outstanding;
            try (var h = harness(config)) {
                h.open();
                process(h, run.subList(0, cut - 1));
                h.getOutput().clear();
                process(h, run.subList(cut - 1, cut));
                outstanding = h.extractOutputValues();
                snapshot = h.snapshot(cut, cut);
            }
            try (var h = harness(config)) {
                h.initializeState(snapshot);
                h.open();
                assertThat(h.extractOutputValues())
                        .as("nothing is sent before the task runs")
                        .isEmpty();
                h.setProcessingTime(1);
                assertThat(h.extractOutputValues())
                        .as("after a restore following generation %d: its commands again", cut - 1)
                        .usingRecursiveFieldByFieldElementComparator(BitwiseComparison.fieldByField())
                        .containsExactlyElementsOf(outstanding);
                h.getOutput().clear();
                process(h, run.subList(cut, run.size()));
                List<AgentCommand> after = h.extractOutputValues();
                assertThat(after)
                        .as("generations %d .. after the restore", cut)
                        .usingRecursiveFieldByFieldElementComparator(
                                BitwiseComparison.fieldByFieldIgnoring("emittedMicros"))
                        .containsExactlyElementsOf(uninterrupted.subList(sent, uninterrupted.size()));
                assertThat(distributions(h))
                        .containsExactlyElementsOf(uninterruptedSummaries.subList(cut, GENERATIONS));
                assertGenerations(run, cut, after, distributions(h));
            }
        }
    }

    @Test
    void onlyTheLastGenerationTakesTheMeanAndEndsEveryChannel() throws Exception {
        StrategySettings s = settings(StrategySettings.Kind.CMA_ES);
        List<Step> run = referenceRun(s, false);
        try (var h = harness(config(s))) {
            h.open();
            process(h, run.subList(0, GENERATIONS - 1));
            assertThat(h.extractOutputValues())
                    .noneMatch(AgentCommand::isEndOfRun)
                    .filteredOn(c -> c instanceof AgentCommand.Decide)
                    .allMatch(c -> ((AgentCommand.Decide) c).directive().action() instanceof Directive.Sample);
            h.getOutput().clear();
            process(h, run.subList(GENERATIONS - 1, GENERATIONS));
            List<AgentCommand> last = h.extractOutputValues();
            assertThat(last.subList(PARALLELISM, PARALLELISM + POPULATION))
                    .extracting(c -> ((AgentCommand.Decide) c).directive().action())
                    .containsExactly(
                            new Directive.TakeMean(true),
                            new Directive.TakeMean(false),
                            new Directive.TakeMean(false),
                            new Directive.TakeMean(false),
                            new Directive.TakeMean(false),
                            new Directive.TakeMean(false));
            assertThat(last.subList(PARALLELISM + POPULATION, last.size()))
                    .allMatch(AgentCommand::isEndOfRun)
                    .extracting(AgentCommand::route)
                    .containsExactly(0, 1);
        }
    }

    /** A table for any generation but the distribution's (a repeat, or one that skips) is a protocol error. */
    @Test
    void aTableForAnotherGenerationIsRefused() throws Exception {
        StrategySettings s = settings(StrategySettings.Kind.CMA_ES);
        List<Step> run = referenceRun(s, false);
        try (var h = harness(config(s))) {
            h.open();
            assertThatThrownBy(
                            () -> h.processElement(new StreamRecord<>(run.get(1).table())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("fitness of generation 1 for a distribution at generation 0");
            process(h, run.subList(0, 1));
            assertThatThrownBy(
                            () -> h.processElement(new StreamRecord<>(run.get(0).table())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("fitness of generation 0 for a distribution at generation 1");
            h.getOutput().clear();
            process(h, run.subList(1, GENERATIONS));
            assertGenerations(run, 1, h.extractOutputValues(), distributions(h).subList(1, GENERATIONS));
        }
    }
}
