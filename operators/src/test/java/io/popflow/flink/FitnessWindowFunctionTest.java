package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.agent.AgentReport;
import io.popflow.agent.GenerationReports;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.GenerationSummary;
import io.popflow.testing.BitwiseComparison;
import io.popflow.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The fitness window as the synchronous job wires it: {@code keyBy(generation).countWindow(N)}
 * around {@link FitnessWindowFunction}. The function itself is stateless; the generation's
 * reports so far and their count live in the window operator's keyed state, so that operator is
 * what these tests drive, snapshot and restore. Expected tables and statistics are worked out by
 * hand from inputs chosen to be exact in binary.
 */
class FitnessWindowFunctionTest {
    private static final int POPULATION = 5;

    private final PopulationConfig config = TestConfigs.quadratic(POPULATION, 3, 2);
    private final String[] names = config.space().names();

    /** A report whose steps encode agent and generation, so a mixed-up table shows in {@code agentSteps}. */
    private static AgentReport report(
            int agent, int g, double fitness, boolean diverged, double[] h, double episodeReturn) {
        return new AgentReport(
                agent,
                g,
                100L * (g + 1) + agent,
                h,
                diverged ? Double.NaN : fitness,
                diverged ? Double.NaN : fitness,
                Double.NaN,
                1,
                agent,
                Double.NaN,
                episodeReturn,
                diverged,
                null,
                -1,
                agent);
    }

    /** Generation 0: agent 3 diverged (its h and return must stay out of the statistics). */
    private static AgentReport generation0(int agent) {
        return switch (agent) {
            case 0 -> report(0, 0, 0.5, false, new double[] {0.125, 1.0 / 16}, 1);
            case 1 -> report(1, 0, -1.25, false, new double[] {0.25, 1.0 / 32}, 2);
            case 2 -> report(2, 0, 2.0, false, new double[] {0.5, 1.0 / 64}, 3);
            case 3 -> report(3, 0, Double.NaN, true, new double[] {10, 0.1}, 100);
            case 4 -> report(4, 0, 0.75, false, new double[] {1.0, 1.0 / 128}, 6);
            default -> throw new IllegalArgumentException("agent " + agent);
        };
    }

    /** Generation 1: agents 1 and 4 tie for the best fitness; no control task, so no returns. */
    private static AgentReport generation1(int agent) {
        double[] fitness = {3, 5, 4, 1, 5};
        return report(agent, 1, fitness[agent], false, new double[] {0.125 * (agent + 1), 0.0625}, Double.NaN);
    }

    private static AgentReport report(int g, int agent) {
        return g == 0 ? generation0(agent) : generation1(agent);
    }

    /**
     * Both generations' reports out of agent order and interleaved: generation 0 completes at the
     * 9th record, generation 1 at the 10th. (The synchronous loop never lets an agent report g + 1
     * before every agent reported g, but the window is keyed by generation and must not care.)
     */
    private static final int[][] ARRIVALS = {
        {0, 3}, {1, 4}, {0, 0}, {0, 4}, {1, 1}, {1, 0}, {0, 1}, {1, 2}, {0, 2}, {1, 3}
    };

    /** After this many arrivals each generation has 3 of its 5 reports. */
    private static final int MID_GENERATION = 6;

    private static List<AgentReport> arrivals() {
        List<AgentReport> all = new ArrayList<>();
        for (int[] a : ARRIVALS) {
            all.add(report(a[0], a[1]));
        }
        return all;
    }

    /** Generation 0's statistics by hand, over the healthy agents 0, 1, 2 and 4. */
    private GenerationSummary expectedSummary0() {
        // fitness sorted: -1.25, 0.5, 0.75, 2; quantiles interpolate linearly at q * (4 - 1)
        return new GenerationSummary(
                0,
                5,
                1,
                5 * 100 + (0 + 1 + 2 + 3 + 4),
                2,
                2.0,
                new double[] {0.5, 1.0 / 64},
                -1.25,
                0.0625, // -1.25 + 0.75 * (0.5 - -1.25)
                0.625, // 0.5 + 0.5 * (0.75 - 0.5)
                1.0625, // 0.75 + 0.25 * (2 - 0.75)
                2.0,
                0.5,
                names,
                // weight decay 1/8, 1/4, 1/2, 1: mean 15/32, deviations (-11, -7, 1, 17)/32;
                // temperature (32, 16, 8, 4)/512: mean 15/512, deviations (17, 1, -7, -11)/512
                new double[] {15.0 / 32, 15.0 / 512},
                new double[] {460.0 / 1024 / 4, 460.0 / (512 * 512) / 4},
                (1 + 2 + 3 + 6) / 4.0);
    }

    /** Generation 1's statistics by hand: the tie for the best goes to the lower id, 1. */
    private GenerationSummary expectedSummary1() {
        // fitness sorted: 1, 3, 4, 5, 5; q * (5 - 1) lands on order statistics
        return new GenerationSummary(
                1,
                5,
                0,
                5 * 200 + (0 + 1 + 2 + 3 + 4),
                1,
                5.0,
                new double[] {0.25, 0.0625},
                1,
                3,
                4,
                5,
                5,
                18.0 / 5,
                names,
                // weight decay (1..5)/8: mean 3/8, squared deviations (4, 1, 0, 1, 4)/64
                new double[] {0.375, 0.0625},
                new double[] {10.0 / 64 / 5, 0},
                Double.NaN);
    }

    /**
     * A fresh window operator built by the same DataStream calls as {@code PopulationTrainingJob}
     * (which lives in the jobs module, out of reach here), so trigger, purging and state
     * serializer are the job's.
     */
    @SuppressWarnings("unchecked") // the transformation's types are the ones just declared
    private KeyedOneInputStreamOperatorTestHarness<Integer, AgentReport, GenerationReports> harness() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<GenerationReports> generations = env.fromData(
                        List.of(generation0(0)), ExplicitTypeInfo.reports())
                .keyBy(AgentReport::generation, Types.INT)
                .countWindow(config.population())
                .process(
                        new FitnessWindowFunction(config.space().names()), TypeInformation.of(GenerationReports.class));
        var window = (OneInputTransformation<AgentReport, GenerationReports>) generations.getTransformation();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                window.getOperatorFactory(),
                (KeySelector<AgentReport, Integer>) window.getStateKeySelector(),
                (TypeInformation<Integer>) window.getStateKeyType());
    }

    private static List<GenerationSummary> summaries(
            KeyedOneInputStreamOperatorTestHarness<Integer, AgentReport, GenerationReports> h) {
        var out = h.getSideOutput(FitnessWindowFunction.SUMMARIES);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).toList();
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<Integer, AgentReport, GenerationReports> h, List<AgentReport> in)
            throws Exception {
        for (AgentReport r : in) {
            h.processElement(new StreamRecord<>(r));
        }
    }

    private void assertTheTwoGenerations(List<GenerationReports> tables, List<GenerationSummary> summaries) {
        assertThat(tables).extracting(GenerationReports::generation).containsExactly(0, 1);
        for (GenerationReports t : tables) {
            assertThat(t.reports())
                    .as("generation %d's table: every agent once, by id", t.generation())
                    .usingRecursiveFieldByFieldElementComparator(BitwiseComparison.fieldByField())
                    .containsExactly(
                            report(t.generation(), 0),
                            report(t.generation(), 1),
                            report(t.generation(), 2),
                            report(t.generation(), 3),
                            report(t.generation(), 4));
        }
        assertThat(summaries)
                .usingRecursiveFieldByFieldElementComparator(BitwiseComparison.fieldByField())
                .containsExactly(expectedSummary0(), expectedSummary1());
    }

    @Test
    void interleavedOutOfOrderReportsCloseEachGenerationOnceWithItsStatistics() throws Exception {
        try (var h = harness()) {
            h.open();
            List<AgentReport> in = arrivals();
            process(h, in.subList(0, 8));
            assertThat(h.extractOutputValues())
                    .as("no generation is complete yet")
                    .isEmpty();
            process(h, in.subList(8, in.size()));
            assertTheTwoGenerations(h.extractOutputValues(), summaries(h));
            assertThat(h.numKeyedStateEntries())
                    .as("both panes purged once fired")
                    .isZero();
        }
    }

    /**
     * The window counts records, not agents: it relies on exactly one report per agent and
     * generation (the trainer acts on each directive once, and checkpoints replay the report edge
     * exactly once). A second copy inside an open window fires it one agent short, and the table
     * refuses it, failing the job rather than selecting on a wrong table.
     */
    @Test
    void aDuplicateInAnOpenGenerationFailsLoudly() throws Exception {
        try (var h = harness()) {
            h.open();
            process(h, List.of(generation0(0), generation0(1), generation0(1), generation0(2)));
            assertThatThrownBy(() -> h.processElement(new StreamRecord<>(generation0(3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("agent ids must be unique and ascending");
            assertThat(summaries(h)).isEmpty();
        }
    }

    /**
     * A copy of a report whose generation has closed starts a new pane that one copy never fills:
     * no second table or summary for that generation, and the next generation is untouched.
     */
    @Test
    void aLateCopyOfAClosedGenerationProducesNothing() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int a = 0; a < POPULATION; a++) {
                h.processElement(new StreamRecord<>(generation0(a)));
            }
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processElement(new StreamRecord<>(generation0(2)));
            assertThat(h.extractOutputValues()).hasSize(1);
            for (int a = POPULATION - 1; a >= 0; a--) {
                h.processElement(new StreamRecord<>(generation1(a)));
            }
            assertTheTwoGenerations(h.extractOutputValues(), summaries(h));
        }
    }

    /** Restored in the middle of both generations, the window closes them as an uninterrupted one does. */
    @Test
    void aRestoredWindowClosesTheGenerationsAsAnUninterruptedOne() throws Exception {
        List<AgentReport> in = arrivals();
        List<GenerationReports> uninterrupted;
        List<GenerationSummary> uninterruptedSummaries;
        try (var h = harness()) {
            h.open();
            process(h, in);
            uninterrupted = h.extractOutputValues();
            uninterruptedSummaries = summaries(h);
        }
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            process(h, in.subList(0, MID_GENERATION));
            snapshot = h.snapshot(1, 1);
            assertThat(h.extractOutputValues()).isEmpty();
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            process(h, in.subList(MID_GENERATION, in.size()));
            List<GenerationReports> restored = h.extractOutputValues();
            assertThat(restored)
                    .as("tables after the restore, from the reports held in the snapshot")
                    .usingRecursiveFieldByFieldElementComparator(BitwiseComparison.fieldByField())
                    .containsExactlyElementsOf(uninterrupted);
            assertThat(summaries(h))
                    .usingRecursiveFieldByFieldElementComparator(BitwiseComparison.fieldByField())
                    .containsExactlyElementsOf(uninterruptedSummaries);
            assertTheTwoGenerations(restored, summaries(h));
        }
    }
}
