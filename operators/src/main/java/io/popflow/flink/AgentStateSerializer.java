package io.popflow.flink;

import io.popflow.agent.AgentState;
import io.popflow.agent.Phase;
import io.popflow.agent.TrainableState;
import io.popflow.rl.DqnState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The explicit serializer of an agent in keyed state: every field of {@link AgentState}, weight
 * vectors as raw bytes. Written by hand so that no agent ever falls back to Kryo and savepoints
 * survive changes to the class.
 *
 * <p>Formats: 1, the first; 2 (every field below, in this order) adds the optimizer's step count
 * after its memory, the outbox's step count, the step count of a kept early transfer, and at the
 * end a reinforcement learner's own memory ({@link DqnState#writeTo}) behind a presence flag; 3
 * writes the learner's environment with its kind (a user's environment too), a kept early transfer
 * with a user trainable's state, and at the end a user trainable's state and its outbox copy (each
 * length-prefixed bytes, -1 for none).
 */
public final class AgentStateSerializer extends VersionedSerializer<AgentState> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 3;

    public static final AgentStateSerializer INSTANCE = new AgentStateSerializer(FORMAT);

    private AgentStateSerializer(int readFormat) {
        super(readFormat, FORMAT);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public AgentState createInstance() {
        return new AgentState();
    }

    @Override
    public AgentState copy(AgentState from) {
        return from.copy();
    }

    @Override
    protected void write(AgentState s, DataOutputView out) throws IOException {
        out.writeInt(s.id);
        out.writeLong(s.rng);
        ArrayIO.writeFloats(out, s.params);
        ArrayIO.writeFloats(out, s.optimizerMemory);
        out.writeLong(s.optimizerSteps);
        ArrayIO.writeDoubles(out, s.hyperparameters);
        out.writeByte(s.phase.ordinal());
        out.writeInt(s.generation);
        out.writeInt(s.stepInGeneration);
        out.writeLong(s.steps);
        out.writeDouble(s.lossSum);
        out.writeDouble(s.windowSum);
        out.writeInt(s.windowCount);
        out.writeDouble(s.fitnessMemory);
        out.writeBoolean(s.diverged);
        out.writeInt(s.awaitingDonor);
        ArrayIO.writeDoubles(out, s.pendingHyperparameters);
        out.writeBoolean(s.earlyTransfer != null);
        if (s.earlyTransfer != null) {
            AgentCommandSerializer.writeTransfer(s.earlyTransfer, out);
        }
        ArrayIO.writeFloats(out, s.pendingMergeTarget);
        out.writeDouble(s.pendingMergeStrength);
        out.writeInt(s.outboxGeneration);
        ArrayIO.writeFloats(out, s.outboxParams);
        ArrayIO.writeFloats(out, s.outboxOptimizerMemory);
        out.writeLong(s.outboxOptimizerSteps);
        out.writeDouble(s.outboxFitnessMemory);
        out.writeLong(s.decisionEmittedMicros);
        out.writeLong(s.decisionLatencyMicros);
        out.writeInt(s.directivesApplied);
        out.writeInt(s.transfersApplied);
        out.writeInt(s.duplicatesIgnored);
        out.writeBoolean(s.rl != null);
        if (s.rl != null) {
            s.rl.writeTo(out);
        }
        ArrayIO.writeBytes(out, s.trainable == null ? null : s.trainable.saved());
        ArrayIO.writeBytes(out, s.outboxTrainable);
    }

    @Override
    protected AgentState read(int format, DataInputView in) throws IOException {
        AgentState s = new AgentState();
        s.id = in.readInt();
        s.rng = in.readLong();
        s.params = ArrayIO.readFloats(in);
        s.optimizerMemory = ArrayIO.readFloats(in);
        s.optimizerSteps = format >= 2 ? in.readLong() : 0;
        s.hyperparameters = ArrayIO.readDoubles(in);
        s.phase = Phase.values()[in.readByte()];
        s.generation = in.readInt();
        s.stepInGeneration = in.readInt();
        s.steps = in.readLong();
        s.lossSum = in.readDouble();
        s.windowSum = in.readDouble();
        s.windowCount = in.readInt();
        s.fitnessMemory = in.readDouble();
        s.diverged = in.readBoolean();
        s.awaitingDonor = in.readInt();
        s.pendingHyperparameters = ArrayIO.readDoubles(in);
        if (in.readBoolean()) {
            s.earlyTransfer = AgentCommandSerializer.readTransfer(in, format >= 2, format >= 3);
        }
        s.pendingMergeTarget = ArrayIO.readFloats(in);
        s.pendingMergeStrength = in.readDouble();
        s.outboxGeneration = in.readInt();
        s.outboxParams = ArrayIO.readFloats(in);
        s.outboxOptimizerMemory = ArrayIO.readFloats(in);
        s.outboxOptimizerSteps = format >= 2 ? in.readLong() : 0;
        s.outboxFitnessMemory = in.readDouble();
        s.decisionEmittedMicros = in.readLong();
        s.decisionLatencyMicros = in.readLong();
        s.directivesApplied = in.readInt();
        s.transfersApplied = in.readInt();
        s.duplicatesIgnored = in.readInt();
        if (format >= 2 && in.readBoolean()) {
            s.rl = DqnState.readFrom(in, format);
            s.rl.q = s.params;
            s.rl.moments = s.optimizerMemory;
            s.rl.adamSteps = s.optimizerSteps;
        }
        if (format >= 3) {
            byte[] trainable = ArrayIO.readBytes(in);
            s.trainable = trainable == null ? null : TrainableState.saved(trainable);
            s.outboxTrainable = ArrayIO.readBytes(in);
        }
        return s;
    }

    @Override
    public TypeSerializerSnapshot<AgentState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format an agent's state was written in (the class name is part of every savepoint: keep it). */
    public static final class Snapshot extends VersionedSerializerSnapshot<AgentState> {
        public Snapshot() {
            super(FORMAT, format -> format == FORMAT ? INSTANCE : new AgentStateSerializer(format));
        }
    }
}
