package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentState;
import io.popflow.math.SplitMix64;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnLearner;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.DqnState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AgentStateSerializerTest {
    /** Bit equality, under which NaN equals itself: the serializer must keep even NaN payloads. */
    private static final BiPredicate<Float, Float> BITWISE =
            (a, b) -> Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);

    /** Every field set, NaN and subnormal weights among them: the golden files' agent. */
    private static AgentState full() {
        return GoldenStates.agent();
    }

    /**
     * Scratch space of the replay memory's sampler, and a user trainable's live instance (made from
     * its saved bytes when first needed), not state: a restore need not keep them.
     */
    private static final Set<String> SCRATCH = Set.of("rl.replay.marks", "rl.replay.mark", "trainable.live");

    /**
     * Every field of the agent and of what it holds (DQN memory, replay, environment, returns, early
     * transfer) set by reflection to a value other than its initial one: a field added to any of
     * them and forgotten by the serializer comes back with its initial value and fails here.
     */
    private static AgentState everyFieldSet() throws Exception {
        AgentState s = new AgentState();
        s.rl = new DqnLearner(DqnSettings.authors(new ClassicControl(ClassicControl.CARTPOLE, 100), 32))
                .create(new SplitMix64(5), 3);
        // a user trainable's state is its saved bytes (the live instance is made from them when needed)
        s.trainable = io.popflow.agent.TrainableState.saved(new byte[] {3, 1, 4, 1, 5});
        new NonDefaultFields(SCRATCH).fill(s);
        // the DQN state's network, moments and step count are views of the agent's own
        s.rl.q = s.params;
        s.rl.moments = s.optimizerMemory;
        s.rl.adamSteps = s.optimizerSteps;
        // a full replay memory, so that every slot is state, with the next write at a slot past the first
        setField(s.rl.replay, "size", s.rl.replay.capacity());
        setField(s.rl.replay, "cursor", s.rl.replay.capacity() - 1);
        AgentState initial = new AgentState();
        for (Field f : AgentState.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(Objects.deepEquals(f.get(s), f.get(initial)))
                        .as("%s left at its initial value", f.getName())
                        .isFalse();
            }
        }
        return s;
    }

    private static void setField(Object target, String name, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        AgentState every = everyFieldSet();
        assertThat(roundTrip(every))
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE, Float.class)
                .ignoringFields(SCRATCH.toArray(String[]::new))
                .isEqualTo(every);
        AgentState s = full();
        assertThat(roundTrip(s))
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE, Float.class)
                .isEqualTo(s);
        AgentState sparse = full();
        sparse.earlyTransfer = null;
        sparse.pendingHyperparameters = null;
        sparse.outboxParams = null;
        sparse.outboxOptimizerMemory = null;
        sparse.optimizerMemory = new float[0];
        sparse.pendingMergeTarget = null;
        assertThat(roundTrip(sparse))
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE, Float.class)
                .isEqualTo(sparse);
    }

    /**
     * A DQN agent restored mid-generation (replay memory, target network, Adam's moments and step
     * count, environment mid-episode, returns) continues exactly as the original: same weights, same
     * everything, after another 200 steps each.
     */
    @Test
    void aDqnAgentRestoredMidRunContinuesBitForBit() throws Exception {
        DqnSettings settings = DqnSettings.authors(new ClassicControl(ClassicControl.CARTPOLE, 100), 32);
        DqnLearner learner = new DqnLearner(settings);
        AgentState original = GoldenStates.agentFormat2();
        DqnState d = learner.create(new SplitMix64(5), 3);
        original.params = d.q;
        original.optimizerMemory = d.moments;
        original.rl = d;
        SplitMix64 rng = new SplitMix64(9);
        for (int i = 0; i < 257; i++) {
            learner.step(d, 1e-3, 500, 32, 0, rng);
        }
        original.optimizerSteps = d.adamSteps;
        AgentState restored = roundTrip(original);
        SplitMix64 rngCopy = new SplitMix64(rng.state());
        for (int i = 0; i < 200; i++) {
            learner.step(original.rl, 1e-3, 500, 32, 0, rng);
            DqnState r = restored.rl;
            r.adamSteps = restored.optimizerSteps;
            learner.step(r, 1e-3, 500, 32, 0, rngCopy);
            restored.optimizerSteps = r.adamSteps;
        }
        original.optimizerSteps = original.rl.adamSteps;
        assertThat(restored)
                .usingRecursiveComparison()
                .withEqualsForType(BITWISE, Float.class)
                .ignoringFields("rl.replay.marks", "rl.replay.mark")
                .isEqualTo(original);
        assertThat(restored.rl.replay.sameAs(original.rl.replay)).isTrue();
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
        read.readSnapshot(
                snapshot.getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
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
