package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.Directive;
import io.popflow.agent.GenerationReports;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.LineageEvent;
import io.popflow.testing.TestConfigs;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SelectionMutationOperatorTest {
    private final PopulationConfig config = TestConfigs.quadratic(8, 3, 2);

    private static GenerationReports generation(int g, int n) {
        AgentReport[] reports = new AgentReport[n];
        for (int i = 0; i < n; i++) {
            reports[i] = new AgentReport(
                    i,
                    g,
                    40L * (g + 1),
                    new double[] {0.01 * (i + 1), 0.001},
                    -i,
                    -i,
                    Double.NaN,
                    1,
                    i,
                    Double.NaN,
                    Double.NaN,
                    false,
                    null,
                    -1,
                    i);
        }
        return new GenerationReports(g, reports);
    }

    private OneInputStreamOperatorTestHarness<GenerationReports, AgentCommand> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<GenerationReports, AgentCommand>(
                new SelectionMutationOperator(config));
        h.setup(AgentCommandSerializer.INSTANCE); // as the job declares it: the commands are of six kinds
        return h;
    }

    @Test
    void oneDirectivePerAgentAndLineageForEachCopy() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(generation(0, 8)));
            List<AgentCommand> out = h.extractOutputValues();
            assertThat(out).extracting(AgentCommand::agent).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            List<Directive> directives =
                    out.stream().map(c -> ((AgentCommand.Decide) c).directive()).toList();
            assertThat(directives).allMatch(d -> d.generation() == 0);
            List<LineageEvent> lineage = h.getSideOutput(SlowScaleOperator.LINEAGE).stream()
                    .map(StreamRecord::getValue)
                    .toList();
            // fitness −i: agents 6 and 7 are worst, 0 and 1 best
            assertThat(lineage).extracting(LineageEvent::recipient).containsExactly(6, 7);
            assertThat(lineage).extracting(LineageEvent::donor).allMatch(d -> d == 0 || d == 1);
            for (LineageEvent e : lineage) {
                assertThat(directives.get(e.recipient()).action())
                        .isInstanceOfSatisfying(
                                Directive.Copy.class,
                                copy -> assertThat(copy.donor()).isEqualTo(e.donor()));
                assertThat(directives.get(e.donor()).sendTo()).contains(e.recipient());
                assertThat(config.space().contains(e.newHyperparameters())).isTrue();
            }
        }
    }

    @Test
    void lastGenerationStopsEveryoneAndEndsEveryChannel() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(generation(2, 8)));
            List<AgentCommand> out = h.extractOutputValues();
            assertThat(out.subList(0, 8))
                    .allMatch(c -> ((AgentCommand.Decide) c).directive().action() instanceof Directive.Stop);
            assertThat(out.subList(0, 8))
                    .filteredOn(
                            c -> ((AgentCommand.Decide) c).directive().action().equals(new Directive.Stop(true)))
                    .extracting(AgentCommand::agent)
                    .containsExactly(0);
            assertThat(out.subList(8, 10))
                    .allMatch(AgentCommand::isEndOfRun)
                    .extracting(AgentCommand::route)
                    .containsExactly(0, 1);
            assertThat(h.getSideOutput(SlowScaleOperator.LINEAGE)).isNull();
        }
    }

    /** After a restore the latest decision is sent again, because the feedback edge may have lost it. */
    @Test
    void restoredOperatorResendsTheLatestDecision() throws Exception {
        OperatorSubtaskState snapshot;
        List<AgentCommand> sent;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(generation(0, 8)));
            sent = h.extractOutputValues();
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.setProcessingTime(1);
            assertThat(h.extractOutputValues())
                    .usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(sent);
        }
    }

    @Test
    void decisionsAreAFunctionOfTheTable() throws Exception {
        List<AgentCommand> first;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(generation(1, 8)));
            first = h.extractOutputValues();
        }
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(generation(1, 8)));
            assertThat(h.extractOutputValues())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("emittedMicros")
                    .isEqualTo(first);
        }
    }
}
