package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentState;
import io.popflow.agent.Directive;
import io.popflow.agent.GenerationDecision;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.Phase;
import io.popflow.agent.WeightRequest;
import io.popflow.agent.WeightTransfer;
import io.popflow.data.LabeledExample;
import io.popflow.math.SplitMix64;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnLearner;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.DqnState;
import io.popflow.rl.TdLoss;
import io.popflow.slow.Exploitation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The values whose serialized bytes are kept as golden files, one per state type and format, in
 * {@code src/test/resources/golden/}. {@link #main} wrote them (run it from the module folder:
 * {@code java -cp target/test-classes:target/classes:$(cat ../bench/target/classpath.txt)
 * io.popflow.flink.GoldenStates}); only a new format adds files, an existing file never changes.
 * Each file is the serializer's versioned snapshot followed by the values.
 */
final class GoldenStates {
    private GoldenStates() {}

    static AgentState agent() {
        AgentState s = new AgentState();
        s.id = 7;
        s.rng = 0x1234_5678_9abc_def0L;
        s.params = new float[] {1.5f, -2.25f, Float.NaN, Float.MIN_VALUE};
        s.optimizerMemory = new float[] {0.1f, 0.2f, 0.3f, 0.4f};
        s.hyperparameters = new double[] {0.01, 64};
        s.phase = Phase.AWAITING_WEIGHTS;
        s.generation = 3;
        s.stepInGeneration = 17;
        s.steps = 1_000_000_007L;
        s.lossSum = 12.5;
        s.windowSum = -3.5;
        s.windowCount = 7;
        s.fitnessMemory = -0.5;
        s.diverged = true;
        s.awaitingDonor = 4;
        s.pendingHyperparameters = new double[] {0.02, 32};
        s.earlyTransfer = new WeightTransfer(3, 4, new float[] {9, 8, 7, 6}, new float[] {5, 4, 3, 2}, 0, 0.25);
        s.pendingMergeTarget = new float[] {0.5f, 0.5f, 0.5f, 0.5f};
        s.pendingMergeStrength = 0.3;
        s.outboxGeneration = 2;
        s.outboxParams = new float[] {1, 1, 1, 1};
        s.outboxOptimizerMemory = new float[] {0, 0, 0, 0};
        s.outboxFitnessMemory = -0.75;
        s.decisionEmittedMicros = 1_700_000_000_000_000L;
        s.decisionLatencyMicros = 2_500;
        s.directivesApplied = 3;
        s.transfersApplied = 1;
        s.duplicatesIgnored = 2;
        return s;
    }

    static List<AgentCommand> commands() {
        return List.of(
                AgentCommand.seed(1, new InitialHyperparameters(new double[] {0.1, 32})),
                AgentCommand.directive(
                                2,
                                new Directive(
                                        5,
                                        new int[] {4, 6},
                                        new Directive.Merge(new float[] {0.5f, -0.5f}, 0.25),
                                        new Directive.Copy(3, new double[] {0.2, 16})))
                        .emittedAt(123_456L),
                AgentCommand.transfer(3, new WeightTransfer(5, 2, new float[] {1, 2}, new float[0], 0, -0.125)),
                AgentCommand.request(4, new WeightRequest(9, 6)),
                AgentCommand.example(1, new LabeledExample(new float[] {0.25f, 0.75f}, 7, true)),
                AgentCommand.endOfRun(1));
    }

    static AgentReport report() {
        return new AgentReport(
                5,
                12,
                2_400,
                new double[] {0.05, 1e-4},
                -0.25,
                -0.3,
                Double.NaN,
                0.4,
                0.35,
                0.9,
                Double.NaN,
                false,
                new float[] {0.5f, 1.5f},
                812,
                0);
    }

    /** Format 2: a DQN agent a few steps into CartPole (replay, target, Adam moments and step count, episode). */
    static AgentState agentFormat2() {
        DqnSettings settings = new DqnSettings(
                new ClassicControl(ClassicControl.CARTPOLE, 100),
                new int[] {3},
                0.99,
                2,
                4,
                TdLoss.HUBER,
                0.05,
                false,
                2);
        DqnLearner learner = new DqnLearner(settings);
        SplitMix64 rng = new SplitMix64(11);
        DqnState d = learner.create(rng, 3);
        for (int i = 0; i < 30; i++) {
            learner.step(d, 0.01, 50, 2, 0, rng);
        }
        AgentState s = agent();
        s.rng = rng.state();
        s.params = d.q;
        s.optimizerMemory = d.moments;
        s.optimizerSteps = d.adamSteps;
        s.rl = d;
        s.earlyTransfer = new WeightTransfer(3, 4, new float[] {9, 8, 7, 6}, new float[] {5, 4, 3, 2}, 17, 0.25);
        s.outboxOptimizerSteps = 41;
        return s;
    }

    /**
     * Format 3: a DQN agent in a user's environment (its class and options of every type), and a
     * user trainable's agent: its saved state, its outbox copy, and a kept transfer carrying one.
     */
    static List<AgentState> agentsFormat3() {
        java.util.LinkedHashMap<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("n", 5L);
        options.put("limit", 9L);
        options.put("scale", -0.375);
        options.put("label", "chain");
        options.put("verbose", true);
        options.put("weights", List.of(0.5, -1.25));
        DqnSettings settings = new DqnSettings(
                new io.popflow.rl.CustomEnvironment(io.popflow.rl.ConfigurableChain.class.getName(), options, 7),
                new int[] {3},
                0.9,
                2,
                4,
                TdLoss.MSE,
                0.05,
                true,
                2);
        DqnLearner learner = new DqnLearner(settings);
        SplitMix64 rng = new SplitMix64(13);
        DqnState d = learner.create(rng, 2);
        for (int i = 0; i < 12; i++) {
            learner.step(d, 0.01, 50, 2, 0, rng);
        }
        AgentState dqn = agentFormat2();
        dqn.rng = rng.state();
        dqn.params = d.q;
        dqn.optimizerMemory = d.moments;
        dqn.optimizerSteps = d.adamSteps;
        dqn.rl = d;

        AgentState trainable = agent();
        trainable.params = new float[0];
        trainable.optimizerMemory = new float[0];
        trainable.outboxParams = new float[0];
        trainable.outboxOptimizerMemory = new float[0];
        trainable.trainable = io.popflow.agent.TrainableState.saved(new byte[] {1, 2, 3, -128, 127});
        trainable.outboxTrainable = new byte[] {9, 8, 7};
        trainable.earlyTransfer =
                new WeightTransfer(3, 4, new float[0], new float[0], 0, Double.NaN, new byte[] {42, -42});
        return List.of(dqn, trainable);
    }

    /** Format 5: format 4's commands and a transfer of a user trainable's state. */
    static List<AgentCommand> commandsFormat5() {
        List<AgentCommand> all = new java.util.ArrayList<>(commandsFormat4());
        all.add(AgentCommand.transfer(
                        6, new WeightTransfer(9, 1, new float[0], new float[0], 0, 0.5, new byte[] {0, -1, 64}))
                .emittedAt(88));
        return all;
    }

    static List<AgentCommand> commandsFormat2() {
        return List.of(AgentCommand.transfer(
                3, new WeightTransfer(5, 2, new float[] {1, 2}, new float[] {3, 4, 5, 6}, 9, -0.125)));
    }

    /** Format 3: every kind of command, a directive of every action. */
    static List<AgentCommand> commandsFormat3() {
        double[] h = {0.2, 16};
        return List.of(
                AgentCommand.seed(1, new InitialHyperparameters(new double[] {0.1, 32})),
                AgentCommand.directive(
                                2,
                                new Directive(
                                        5,
                                        new int[] {4, 6},
                                        new Directive.Merge(new float[] {0.5f, -0.5f}, 0.25),
                                        new Directive.Keep()))
                        .emittedAt(123_456L),
                AgentCommand.directive(3, Directive.of(5, new Directive.Mutate(h))),
                AgentCommand.directive(4, Directive.of(5, new Directive.Copy(2, h))),
                AgentCommand.directive(
                        5, Directive.of(5, new Directive.Reset(h)).sendingTo(7)),
                AgentCommand.directive(6, Directive.stop(5, true)),
                AgentCommand.transfer(
                                3, new WeightTransfer(5, 2, new float[] {1, 2}, new float[] {3, 4, 5, 6}, 9, -0.125))
                        .emittedAt(77),
                AgentCommand.request(4, new WeightRequest(9, 6)),
                AgentCommand.example(1, new LabeledExample(new float[] {0.25f, 0.75f}, 7, true)),
                AgentCommand.endOfRun(1));
    }

    /** Format 4: format 3's commands, an evolution strategy's distribution update and its two actions. */
    static List<AgentCommand> commandsFormat4() {
        List<AgentCommand> all = new java.util.ArrayList<>(commandsFormat3());
        all.add(new AgentCommand.Distribution(
                1,
                new io.popflow.es.EsGeneration(
                        7,
                        0x1234_5678_9abcL,
                        new double[] {-0.5, Double.NEGATIVE_INFINITY, 2.25},
                        -99L,
                        0x0fed_cba9_8765_4321L),
                4_321L));
        all.add(new AgentCommand.Distribution(
                0, new io.popflow.es.EsGeneration(8, 5L, new double[] {1.5}, 6L, 7L, new byte[] {1, 2, 3, -4}), 0));
        all.add(AgentCommand.directive(2, Directive.of(7, new Directive.Sample()))
                .emittedAt(4_321L));
        all.add(AgentCommand.directive(0, Directive.of(7, new Directive.TakeMean(true))));
        return all;
    }

    static AgentReport reportFormat2() {
        return new AgentReport(
                5,
                12,
                2_400,
                new double[] {0.05, 1e-4, 900},
                87.5,
                87.5,
                Double.NaN,
                0.4,
                Double.NaN,
                Double.NaN,
                61.25,
                false,
                null,
                812,
                0);
    }

    /** Format 3: format 2's report with the agent's stream position. */
    static AgentReport reportFormat3() {
        return new AgentReport(
                5,
                12,
                2_400,
                new double[] {0.05, 1e-4, 900},
                87.5,
                87.5,
                Double.NaN,
                0.4,
                Double.NaN,
                Double.NaN,
                61.25,
                false,
                new float[] {0.25f},
                812,
                0x8000_1234_5678_9abcL);
    }

    /** PB2's data: two observations, two agents' start fitness (one after a reset is absent). */
    static io.popflow.slow.Pb2Data pb2Data() {
        return new io.popflow.slow.Pb2Data(
                200,
                List.of(
                        new io.popflow.slow.Pb2Data.Observation(3, -0.5, new double[] {0.25, 1.0}, 0.125),
                        new io.popflow.slow.Pb2Data.Observation(
                                4, Double.NEGATIVE_INFINITY, new double[] {0.0, 0.5}, -2.5)),
                java.util.Map.of(0, 0.75, 3, -1.25));
    }

    static GenerationDecision decision() {
        return new GenerationDecision(
                12,
                new int[] {0, 1, 2, 3},
                new Exploitation[] {
                    new Exploitation(3, 0, new double[] {0.1}, new double[] {0.12}, new String[] {"lr * 1.2"}),
                    new Exploitation(
                            2, Exploitation.RESET, new double[] {0.3}, new double[] {0.05}, new String[] {"lr resample"
                            })
                },
                new float[] {0.25f, 0.5f},
                0.5,
                -1,
                1_700_000_000_000_000L);
    }

    public static void main(String[] args) throws Exception {
        Path folder = Paths.get("src/test/resources/golden");
        // each current format's file, if it is not there yet: an existing file never changes
        write(folder, "agent-state", AgentStateSerializer.INSTANCE, agentsFormat3());
        write(folder, "agent-command", AgentCommandSerializer.INSTANCE, commandsFormat5());
        write(folder, "agent-report", AgentReportSerializer.INSTANCE, List.of(reportFormat3()));
        write(folder, "generation-decision", GenerationDecisionSerializer.INSTANCE, List.of(decision()));
        write(folder, "pb2-data", Pb2DataSerializer.INSTANCE, List.of(pb2Data()));
    }

    private static <T> void write(Path folder, String name, VersionedSerializer<T> serializer, List<T> values)
            throws Exception {
        Path file = folder.resolve(name + "-format-" + serializer.currentFormat() + ".bin");
        if (!Files.exists(file)) {
            write(file, serializer, values);
            System.out.println("wrote " + file);
        }
    }

    private static <T> void write(Path file, TypeSerializer<T> serializer, List<T> values) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        out.writeInt(values.size());
        for (T v : values) {
            serializer.serialize(v, out);
        }
        Files.write(file, out.getCopyOfBuffer());
    }
}
