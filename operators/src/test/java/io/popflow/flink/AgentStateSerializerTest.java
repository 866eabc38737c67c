package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentState;
import io.popflow.agent.Phase;
import io.popflow.agent.WeightTransfer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class AgentStateSerializerTest {
    /** Bit equality, under which NaN equals itself: the serializer must keep even NaN payloads. */
    private static final BiPredicate<Float, Float> BITWISE =
            (a, b) -> Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);

    private static AgentState full() {
        AgentState s = new AgentState();
        s.id = 7;
        s.rng = 0x1234_5678_9abc_def0L;
        s.params = new float[] {1.5f, -2.25f, Float.NaN, Float.MIN_VALUE};
        s.velocity = new float[] {0.1f, 0.2f, 0.3f, 0.4f};
        s.hyperparameters = new double[] {0.01, 64};
        s.phase = Phase.AWAITING_WEIGHTS;
        s.generation = 3;
        s.stepInGeneration = 17;
        s.steps = 1_000_000_007L;
        s.lossSum = 12.5;
        s.diverged = true;
        s.awaitingDonor = 4;
        s.pendingHyperparameters = new double[] {0.02, 32};
        s.earlyTransfer = new WeightTransfer(3, 4, new float[] {9, 8, 7, 6}, new float[] {5, 4, 3, 2}, 0.25);
        s.windowSum = -3.5;
        s.windowCount = 7;
        s.fitnessMemory = -0.5;
        s.pendingMergeTarget = new float[] {0.5f, 0.5f, 0.5f, 0.5f};
        s.pendingMergeStrength = 0.3;
        s.outboxGeneration = 2;
        s.outboxFitnessMemory = -0.75;
        s.outboxParams = new float[] {1, 1, 1, 1};
        s.outboxVelocity = new float[] {0, 0, 0, 0};
        s.directivesApplied = 3;
        s.transfersApplied = 1;
        s.duplicatesIgnored = 2;
        return s;
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        AgentState s = full();
        assertThat(roundTrip(s)).usingRecursiveComparison().withEqualsForType(BITWISE, Float.class).isEqualTo(s);
        AgentState sparse = full();
        sparse.earlyTransfer = null;
        sparse.pendingHyperparameters = null;
        sparse.outboxParams = null;
        sparse.outboxVelocity = null;
        sparse.velocity = new float[0];
        sparse.pendingMergeTarget = null;
        assertThat(roundTrip(sparse)).usingRecursiveComparison().withEqualsForType(BITWISE, Float.class).isEqualTo(sparse);
    }

    @Test
    void copyIsDeep() {
        AgentState s = full();
        AgentState c = AgentStateSerializer.INSTANCE.copy(s);
        c.params[0] = 99;
        c.outboxParams[0] = 99;
        assertThat(s.params[0]).isEqualTo(1.5f);
        assertThat(s.outboxParams[0]).isEqualTo(1f);
    }

    @Test
    void snapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<AgentState> snapshot = AgentStateSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        TypeSerializerSnapshot<AgentState> read = new AgentStateSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        TypeSerializerSchemaCompatibility<AgentState> compatibility =
                AgentStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isSameAs(AgentStateSerializer.INSTANCE);
    }

    private static AgentState roundTrip(AgentState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        AgentStateSerializer.INSTANCE.serialize(s, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        AgentState back = AgentStateSerializer.INSTANCE.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }
}
