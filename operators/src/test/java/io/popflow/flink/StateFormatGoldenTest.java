package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Bytes of every state type as an earlier popflow wrote them (golden files made by {@link
 * GoldenStates#main}) restore with today's code to the values they were made from: a change to a
 * serializer that would break old savepoints fails here.
 */
class StateFormatGoldenTest {
    private static final BiPredicate<Float, Float> BITWISE =
            (a, b) -> Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
    private static final BiPredicate<Double, Double> BITWISE_DOUBLE =
            (a, b) -> Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);

    @Test
    void agentStateFormat1() throws Exception {
        List<AgentState> read = read("agent-state-format-1.bin", AgentStateSerializer.INSTANCE);
        assertThat(read)
                .singleElement()
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE, Float.class)
                .isEqualTo(GoldenStates.agent());
    }

    /** A DQN agent: its replay memory, target network, environment and returns restore bit for bit. */
    @Test
    void agentStateFormat2() throws Exception {
        List<AgentState> read = read("agent-state-format-2.bin", AgentStateSerializer.INSTANCE);
        assertThat(read)
                .singleElement()
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE, Float.class)
                .withEqualsForType(BITWISE_DOUBLE, Double.class)
                .ignoringFields("rl.replay.marks", "rl.replay.mark") // sampling scratch, not state
                .isEqualTo(GoldenStates.agentFormat2());
        AgentState s = read.get(0);
        assertThat(s.rl.q).as("Q-network is the agent's θ").isSameAs(s.params);
        assertThat(s.rl.moments)
                .as("Adam's moments are the agent's optimizer memory")
                .isSameAs(s.optimizerMemory);
    }

    /** A DQN agent in a user's environment, and a user trainable's agent: their class, options and bytes restore. */
    @Test
    void agentStateFormat3() throws Exception {
        List<AgentState> read = read("agent-state-format-3.bin", AgentStateSerializer.INSTANCE);
        assertThat(read)
                .usingRecursiveFieldByFieldElementComparator(
                        org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                                .withEqualsForType(BITWISE, Float.class)
                                .withEqualsForType(BITWISE_DOUBLE, Double.class)
                                .withIgnoredFields("rl.replay.marks", "rl.replay.mark")
                                .build())
                .containsExactlyElementsOf(GoldenStates.agentsFormat3());
        assertThat(read.get(0).rl.environmentSpec)
                .isEqualTo(GoldenStates.agentsFormat3().get(0).rl.environmentSpec);
        assertThat(read.get(1).trainable.saved()).containsExactly(1, 2, 3, -128, 127);
    }

    @Test
    void agentCommandFormat5() throws Exception {
        assertThat(read("agent-command-format-5.bin", AgentCommandSerializer.INSTANCE))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(GoldenStates.commandsFormat5());
    }

    @Test
    void agentCommandFormat2() throws Exception {
        assertThat(read("agent-command-format-2.bin", AgentCommandSerializer.INSTANCE))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(GoldenStates.commandsFormat2());
    }

    @Test
    void agentCommandFormat3() throws Exception {
        assertThat(read("agent-command-format-3.bin", AgentCommandSerializer.INSTANCE))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(GoldenStates.commandsFormat3());
    }

    @Test
    void agentCommandFormat4() throws Exception {
        assertThat(read("agent-command-format-4.bin", AgentCommandSerializer.INSTANCE))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(GoldenStates.commandsFormat4());
    }

    @Test
    void agentReportFormat3() throws Exception {
        assertThat(read("agent-report-format-3.bin", AgentReportSerializer.INSTANCE))
                .singleElement()
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE_DOUBLE, Double.class)
                .isEqualTo(GoldenStates.reportFormat3());
    }

    @Test
    void agentReportFormat2() throws Exception {
        assertThat(read("agent-report-format-2.bin", AgentReportSerializer.INSTANCE))
                .singleElement()
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE_DOUBLE, Double.class)
                .isEqualTo(GoldenStates.reportFormat2());
    }

    @Test
    void agentCommandFormat1() throws Exception {
        assertThat(read("agent-command-format-1.bin", AgentCommandSerializer.INSTANCE))
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(GoldenStates.commands());
    }

    @Test
    void agentReportFormat1() throws Exception {
        assertThat(read("agent-report-format-1.bin", AgentReportSerializer.INSTANCE))
                .singleElement()
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE_DOUBLE, Double.class)
                .isEqualTo(GoldenStates.report());
    }

    @Test
    void pb2DataFormat1() throws Exception {
        assertThat(read("pb2-data-format-1.bin", Pb2DataSerializer.INSTANCE))
                .singleElement()
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE_DOUBLE, Double.class)
                .isEqualTo(GoldenStates.pb2Data());
    }

    @Test
    void generationDecisionFormat1() throws Exception {
        assertThat(read("generation-decision-format-1.bin", GenerationDecisionSerializer.INSTANCE))
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(GoldenStates.decision());
    }

    /**
     * Reads a golden file as a restore does: its snapshot decides whether today's serializer reads
     * the bytes as they are, and the restored serializer reads them.
     */
    private static <T> List<T> read(String name, TypeSerializer<T> current) throws Exception {
        byte[] bytes;
        try (InputStream in = StateFormatGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            bytes = in.readAllBytes();
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        TypeSerializerSnapshot<T> old =
                TypeSerializerSnapshot.readVersionedSnapshot(in, StateFormatGoldenTest.class.getClassLoader());
        TypeSerializerSchemaCompatibility<T> compatibility =
                current.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAsIs() || compatibility.isCompatibleAfterMigration())
                .as("today's serializer can read %s", name)
                .isTrue();
        TypeSerializer<T> reader = old.restoreSerializer();
        int n = in.readInt();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(reader.deserialize(in));
        }
        assertThat(in.available()).as("bytes left in %s", name).isZero();
        return values;
    }
}
