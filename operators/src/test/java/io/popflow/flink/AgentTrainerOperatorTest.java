package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.Directive;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.config.PopulationConfig;
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

class AgentTrainerOperatorTest {
    private final PopulationConfig config = TestConfigs.quadratic(4, 3, 1);

    private KeyedOneInputStreamOperatorTestHarness<Integer, AgentCommand, AgentReport> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new AgentTrainerFactory(config),
                new AgentPlacement(config.population(), config.parallelism(), config.maxParallelism()),
                Types.INT);
    }

    private static AgentCommand seed(int agent) {
        return AgentCommand.seed(agent, new InitialHyperparameters(new double[] {0.1, 0.01}));
    }

    /** Runs the training turns the operator scheduled on its mailbox, as the task thread would. */
    private static int drainMailbox(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h) throws Exception {
        int mails = 0;
        Optional<Mail> mail;
        while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
            mails++;
        }
        return mails;
    }

    @Test
    void seededAgentsTrainFromTheMailboxAndReportOnce() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(seed(0)));
            h.processElement(new StreamRecord<>(seed(1)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(drainMailbox(h)).isPositive();
            List<AgentReport> reports = h.extractOutputValues();
            assertThat(reports).extracting(AgentReport::agent).containsExactlyInAnyOrder(0, 1);
            assertThat(reports).allSatisfy(r -> {
                assertThat(r.generation()).isZero();
                assertThat(r.steps()).isEqualTo(config.perturbationInterval());
                assertThat(r.fitness()).isFinite();
            });
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(((AgentTrainerOperator) h.getOperator()).queuedAgents()).isZero();
        }
    }

    /**
     * A checkpoint taken while agents wait for their turn restores into a new operator that rebuilds
     * its run queue from state and produces the same reports, bit for bit.
     */
    @Test
    void restoredOperatorResumesTrainingIdentically() throws Exception {
        OperatorSubtaskState snapshot;
        List<AgentReport> uninterrupted;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(seed(0)));
            h.processElement(new StreamRecord<>(seed(3)));
            snapshot = h.snapshot(1, 1);
            drainMailbox(h);
            uninterrupted = h.extractOutputValues();
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            assertThat(((AgentTrainerOperator) h.getOperator()).queuedAgents()).isEqualTo(2);
            drainMailbox(h);
            assertThat(h.extractOutputValues())
                    .map(AgentTrainerOperatorTest::exact)
                    .containsExactlyInAnyOrderElementsOf(uninterrupted.stream()
                            .map(AgentTrainerOperatorTest::exact)
                            .toList());
        }
    }

    /**
     * State keyed the way popflow placed agents before its keys stopped depending on the parallelism
     * (here: by agent id) is refused on restore, by name, rather than growing a second agent under the
     * key the commands now reach.
     */
    @Test
    void stateUnderAnotherPlacementIsRefused() throws Exception {
        OperatorSubtaskState snapshot;
        try (var old = new KeyedOneInputStreamOperatorTestHarness<>(
                new AgentTrainerFactory(config), AgentCommand::agent, Types.INT)) {
            old.open();
            old.processElement(new StreamRecord<>(seed(3)));
            snapshot = old.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            assertThatThrownBy(h::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the savepoint holds agent 3 "
                            + "under key 3, where this popflow places it under key "
                            + new AgentPlacement(config.population(), config.parallelism(), config.maxParallelism())
                                    .keyOf(3)
                            + ": it was written by a popflow whose agent placement depended on the parallelism (before versioned "
                            + "state), and cannot be resumed");
        }
    }

    /** Every field of a report, doubles in their exact round-trip form (so NaN equals NaN). */
    static String exact(AgentReport r) {
        return r.agent() + "/" + r.generation() + "/" + r.steps() + "/" + java.util.Arrays.toString(r.hyperparameters())
                + "/" + r.fitness() + "/" + r.trainLoss() + "/" + r.validationLoss() + "/" + r.validationAccuracy()
                + "/" + r.diverged();
    }

    @Test
    void donorsSendWeightsAndStoppedAgentsEmitFinalRecords() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(seed(0)));
            h.processElement(new StreamRecord<>(seed(1)));
            drainMailbox(h);
            h.processElement(new StreamRecord<>(
                    AgentCommand.directive(0, Directive.keep(0).sendingTo(1))));
            h.processElement(new StreamRecord<>(AgentCommand.directive(
                    1, Directive.of(0, new Directive.Copy(0, new double[] {0.2, 0.02})))));
            List<StreamRecord<AgentCommand>> weights = List.copyOf(h.getSideOutput(AgentTrainerOperator.WEIGHTS));
            assertThat(weights).hasSize(1);
            AgentCommand transfer = weights.get(0).getValue();
            assertThat(transfer.agent()).isEqualTo(1);
            assertThat(((AgentCommand.Transfer) transfer).transfer().donor()).isZero();

            h.processElement(new StreamRecord<>(transfer));
            drainMailbox(h);
            assertThat(h.extractOutputValues())
                    .filteredOn(r -> r.generation() == 1)
                    .hasSize(2);

            for (int agent : new int[] {0, 1}) {
                h.processElement(new StreamRecord<>(AgentCommand.directive(agent, Directive.stop(1, agent == 0))));
            }
            List<FinalAgent> finals = h.getSideOutput(AgentTrainerOperator.FINAL).stream()
                    .map(StreamRecord::getValue)
                    .toList();
            assertThat(finals).extracting(FinalAgent::agent).containsExactly(0, 1);
            assertThat(finals.get(0).isTested()).isTrue();
            assertThat(finals.get(1).transfersApplied()).isEqualTo(1);
            assertThat(finals).allSatisfy(f -> assertThat(f.directivesApplied()).isEqualTo(2));
        }
    }
}
