package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.config.PopulationConfig;
import io.popflow.data.LabeledExample;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.model.Activation;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.task.FitnessMetric;
import io.popflow.task.StreamTaskSpec;
import io.popflow.testing.TestConfigs;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The trainer of a stream-fed task: agents wait until the replay buffers hold the minimum, then
 * train; the buffers are operator state, so a restored subtask trains without new examples.
 */
class StreamedTrainingTest {
    private static final int MINIMUM = 8;
    private final PopulationConfig config = TestConfigs.pbt(
            new StreamTaskSpec(2, 2, new int[] {4}, Activation.TANH, 32, 16, MINIMUM, FitnessMetric.ACCURACY),
            new HyperparameterSpace(
                    UpdateRule.SGD,
                    Map.of(Hyperparameter.LR, new Domain.Interval(0.01, 0.5, Domain.Scale.LOG, false)),
                    Map.of(Hyperparameter.MOMENTUM, 0.9, Hyperparameter.BATCH_SIZE, 4.0)),
            2,
            3,
            20,
            FitnessEstimate.last(),
            1);

    private KeyedOneInputStreamOperatorTestHarness<Integer, AgentCommand, AgentReport> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new AgentTrainerFactory(config),
                new AgentPlacement(config.population(), config.parallelism(), config.maxParallelism()),
                Types.INT);
    }

    /** Example i: the label is the sign of the first feature. */
    private static AgentCommand example(int i, boolean validation) {
        float x = (i % 2 == 0 ? 1 : -1) * (0.5f + (i % 7) / 10f);
        return AgentCommand.example(0, new LabeledExample(new float[] {x, 0.3f}, x > 0 ? 1 : 0, validation));
    }

    private static void drainMailbox(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h) throws Exception {
        Optional<Mail> mail;
        while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }

    @Test
    void agentsWaitForEnoughExamplesThenTrain() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(AgentCommand.seed(0, new InitialHyperparameters(new double[] {0.1}))));
            h.processElement(new StreamRecord<>(AgentCommand.seed(1, new InitialHyperparameters(new double[] {0.2}))));
            for (int i = 0; i < MINIMUM; i++) {
                h.processElement(new StreamRecord<>(example(i, false)));
                h.processElement(new StreamRecord<>(example(i, true)));
                if (i < MINIMUM - 1) {
                    drainMailbox(h);
                    assertThat(h.extractOutputValues())
                            .as("no training before %d examples", MINIMUM)
                            .isEmpty();
                }
            }
            drainMailbox(h);
            assertThat(h.extractOutputValues()).extracting(AgentReport::agent).containsExactlyInAnyOrder(0, 1);
        }
    }

    @Test
    void replayBuffersAreRestoredFromACheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (int i = 0; i < MINIMUM; i++) {
                h.processElement(new StreamRecord<>(example(i, false)));
                h.processElement(new StreamRecord<>(example(i, true)));
            }
            h.processElement(new StreamRecord<>(AgentCommand.seed(0, new InitialHyperparameters(new double[] {0.1}))));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            drainMailbox(h);
            assertThat(h.extractOutputValues())
                    .as("trained on the restored buffers")
                    .hasSize(1);
        }
    }
}
