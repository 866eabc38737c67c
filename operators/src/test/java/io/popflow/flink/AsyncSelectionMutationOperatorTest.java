package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The asynchronous slow scale decides each agent against the latest report of all: that table is its state. */
class AsyncSelectionMutationOperatorTest {
    private static final int POPULATION = 6;
    private static final int GENERATIONS = 4;

    private final PopulationConfig config = asynchronous(TestConfigs.quadratic(POPULATION, GENERATIONS, 2));

    private static PopulationConfig asynchronous(PopulationConfig c) {
        return new PopulationConfig(
                c.seed(),
                c.population(),
                c.generations(),
                c.perturbationInterval(),
                c.chunkSteps(),
                c.task(),
                c.space(),
                SelectionSettings.truncation(0.25),
                MutationSettings.pbt(0.25, new double[] {1.2, 0.8}),
                ModelMerge.off(),
                CopyPolicy.defaults(UpdateRule.SGLD),
                FitnessEstimate.last(),
                true,
                c.parallelism(),
                c.maxParallelism(),
                c.checkpointIntervalMs());
    }

    /** Agent {@code i}'s report of generation {@code g}: fitness varies with both, so the table's order changes. */
    private static AgentReport report(int agent, int g) {
        double fitness = Math.sin(1.7 * agent + 0.9 * g) - 0.1 * agent;
        return new AgentReport(
                agent,
                g,
                40L * (g + 1),
                new double[] {0.01 * (agent + 1), 0.001 * (g + 1)},
                fitness,
                fitness,
                Double.NaN,
                1,
                agent,
                Double.NaN,
                Double.NaN,
                false,
                null,
                -1,
                agent);
    }

    /** Reports in an interleaved order, as agents of two subtasks would send them. */
    private static List<AgentReport> reports() {
        List<AgentReport> all = new ArrayList<>();
        for (int g = 0; g < GENERATIONS; g++) {
            for (int i = 0; i < POPULATION; i++) {
                int agent = (g % 2 == 0) ? i : POPULATION - 1 - i;
                all.add(report(agent, g));
            }
        }
        return all;
    }

    private OneInputStreamOperatorTestHarness<AgentReport, AgentCommand> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<AgentReport, AgentCommand>(
                new AsyncSelectionMutationOperator(config));
        h.setup(AgentCommandSerializer.INSTANCE);
        return h;
    }

    @Test
    void aRestoredOperatorDecidesAsAnUninterruptedOne() throws Exception {
        List<AgentReport> reports = reports();
        int cut = 9; // in generation 1, when some agents have reported it and others have not
        List<AgentCommand> uninterrupted;
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < cut; i++) {
                h.processElement(new StreamRecord<>(reports.get(i)));
            }
            h.getOutput().clear();
            for (int i = cut; i < reports.size(); i++) {
                h.processElement(new StreamRecord<>(reports.get(i)));
            }
            uninterrupted = h.extractOutputValues();
        }
        OperatorSubtaskState snapshot;
        List<AgentCommand> outstanding;
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < cut; i++) {
                h.processElement(new StreamRecord<>(reports.get(i)));
            }
            snapshot = h.snapshot(1, 1);
            outstanding = h.extractOutputValues();
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.setProcessingTime(1); // the resend runs on the first timer, once the task is running
            List<AgentCommand> resent = h.extractOutputValues();
            // the wall-clock stamp differs between two runs by design; everything else must match
            assertThat(resent)
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("emittedMicros")
                    .as("the outstanding decisions, sent again after a restore: the edge may have lost them")
                    .isNotEmpty()
                    .isSubsetOf(outstanding);
            h.getOutput().clear();
            for (int i = cut; i < reports.size(); i++) {
                h.processElement(new StreamRecord<>(reports.get(i)));
            }
            assertThat(h.extractOutputValues())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("emittedMicros")
                    .as("decisions after the restore, against the rebuilt table of latest reports")
                    .containsExactlyElementsOf(uninterrupted);
        }
    }

    @Test
    void everyoneStopsTogetherOnceAllReportedTheLastGeneration() throws Exception {
        try (var h = harness()) {
            h.open();
            List<AgentReport> reports = reports();
            for (int i = 0; i < reports.size() - 1; i++) {
                h.processElement(new StreamRecord<>(reports.get(i)));
            }
            h.getOutput().clear();
            h.processElement(new StreamRecord<>(reports.get(reports.size() - 1)));
            List<AgentCommand> out = h.extractOutputValues();
            assertThat(out.subList(0, POPULATION))
                    .allMatch(c -> c instanceof AgentCommand.Decide d
                            && d.directive().action() instanceof io.popflow.agent.Directive.Stop);
            assertThat(out.subList(POPULATION, out.size()))
                    .allMatch(AgentCommand::isEndOfRun)
                    .extracting(AgentCommand::route)
                    .containsExactly(0, 1);
        }
    }
}
