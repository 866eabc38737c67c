package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.Directive;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.Learner;
import io.popflow.agent.SearchDistributions;
import io.popflow.config.PopulationConfig;
import io.popflow.es.DistributionReplica;
import io.popflow.es.EsGeneration;
import io.popflow.es.StrategySettings;
import io.popflow.task.Landscape;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.testing.TestConfigs;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The trainer's side of an evolution strategy: its copy of the distribution, and directives that overtake it. */
class EsTrainerOperatorTest {
    private final PopulationConfig config = TestConfigs.es(
            new LandscapeTaskSpec(Landscape.SPHERE, 4, 1, 1, new double[4]),
            StrategySettings.of(StrategySettings.Kind.CMA_ES).startingAt(0.5, 0.5),
            3,
            6,
            3,
            1);

    private KeyedOneInputStreamOperatorTestHarness<Integer, AgentCommand, AgentReport> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new AgentTrainerFactory(config),
                new AgentPlacement(config.population(), config.parallelism(), config.maxParallelism()),
                Types.INT);
    }

    private static void drainMailbox(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h) throws Exception {
        Optional<Mail> mail;
        while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }

    /** The slow operator's update for generation 0, from the harness's reports. */
    private EsGeneration tell(List<AgentReport> reports) {
        DistributionReplica slow = SearchDistributions.of(config, Learner.of(config));
        return SearchDistributions.tell(config, slow, GenerationReports.of(0, reports));
    }

    private static AgentCommand sample(int agent) {
        return AgentCommand.directive(agent, Directive.of(0, new Directive.Sample()));
    }

    @Test
    void aDirectiveThatOvertakesItsUpdateWaitsForIt() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int a = 0; a < 6; a++) {
                h.processElement(new StreamRecord<>(AgentCommand.seed(a, new InitialHyperparameters(new double[0]))));
            }
            drainMailbox(h);
            List<AgentReport> generation0 = h.extractOutputValues();
            assertThat(generation0).hasSize(6);
            EsGeneration update = tell(generation0);

            h.processElement(new StreamRecord<>(sample(2))); // before the update: it must wait
            drainMailbox(h);
            assertThat(h.extractOutputValues()).hasSize(6);
            h.processElement(new StreamRecord<>(new AgentCommand.Distribution(0, update, 0)));
            for (int a : new int[] {0, 1, 3, 4, 5}) {
                h.processElement(new StreamRecord<>(sample(a)));
            }
            drainMailbox(h);
            List<AgentReport> all = h.extractOutputValues();
            assertThat(all)
                    .hasSize(12)
                    .filteredOn(r -> r.generation() == 1)
                    .extracting(AgentReport::agent)
                    .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
            // a resent update is ignored; an update that skips a generation is a protocol error
            h.processElement(new StreamRecord<>(new AgentCommand.Distribution(0, update, 0)));
            EsGeneration skipping = new EsGeneration(5, 1, new double[6], 2, 3);
            assertThatThrownBy(
                            () -> h.processElement(new StreamRecord<>(new AgentCommand.Distribution(0, skipping, 0))))
                    .hasMessageContaining("the update is for generation 5");
        }
    }

    @Test
    void theDistributionComesBackFromASnapshotAndAgentsTakeTheMeanAtTheEnd() throws Exception {
        OperatorSubtaskState snapshot;
        EsGeneration update;
        try (var h = harness()) {
            h.open();
            for (int a = 0; a < 6; a++) {
                h.processElement(new StreamRecord<>(AgentCommand.seed(a, new InitialHyperparameters(new double[0]))));
            }
            drainMailbox(h);
            update = tell(h.extractOutputValues());
            h.processElement(new StreamRecord<>(new AgentCommand.Distribution(0, update, 0)));
            snapshot = h.snapshot(1, 1);
        }
        DistributionReplica expected = SearchDistributions.of(config, Learner.of(config));
        expected.apply(update);
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (int a = 0; a < 6; a++) {
                h.processElement(
                        new StreamRecord<>(AgentCommand.directive(a, Directive.of(0, new Directive.TakeMean(a == 0)))));
            }
            List<FinalAgent> finals = h.getSideOutput(AgentTrainerOperator.FINAL).stream()
                    .map(StreamRecord::getValue)
                    .toList();
            assertThat(finals)
                    .hasSize(6)
                    .allMatch(f -> f.paramsSha256().equals(AgentLifecycle.sha256(expected.mean())));
            assertThat(finals)
                    .filteredOn(f -> f.agent() == 0)
                    .singleElement()
                    .satisfies(f -> assertThat(f.testLoss()).isFinite());
        }
    }
}
