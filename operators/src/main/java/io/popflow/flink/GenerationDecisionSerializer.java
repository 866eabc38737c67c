package io.popflow.flink;

import io.popflow.agent.GenerationDecision;
import io.popflow.slow.Exploitation;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The synchronous selection operator's state, its latest decision: generation, agents, the
 * changes (recipient, donor, old and new h, mutation descriptions), merge target and strength, the
 * stop's best agent and the emission stamp.
 *
 * <p>Formats: 1, the first.
 */
public final class GenerationDecisionSerializer extends VersionedSerializer<GenerationDecision> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 1;
    public static final GenerationDecisionSerializer INSTANCE = new GenerationDecisionSerializer(FORMAT);

    private GenerationDecisionSerializer(int readFormat) {
        super(readFormat, FORMAT);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public GenerationDecision createInstance() {
        return new GenerationDecision(0, new int[0], new Exploitation[0], null, 0, -1, 0);
    }

    @Override
    public GenerationDecision copy(GenerationDecision from) {
        return from;
    }

    @Override
    protected void write(GenerationDecision d, DataOutputView out) throws IOException {
        out.writeInt(d.generation());
        ArrayIO.writeInts(out, d.agents());
        out.writeInt(d.changes().length);
        for (Exploitation e : d.changes()) {
            out.writeInt(e.recipient());
            out.writeInt(e.donor());
            ArrayIO.writeDoubles(out, e.oldH());
            ArrayIO.writeDoubles(out, e.newH());
            ArrayIO.writeStrings(out, e.operations());
        }
        ArrayIO.writeFloats(out, d.mergeTarget());
        out.writeDouble(d.mergeStrength());
        out.writeInt(d.stopBest());
        out.writeLong(d.emittedMicros());
    }

    @Override
    protected GenerationDecision read(int format, DataInputView in) throws IOException {
        int generation = in.readInt();
        int[] agents = ArrayIO.readInts(in);
        Exploitation[] changes = new Exploitation[in.readInt()];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = new Exploitation(
                    in.readInt(),
                    in.readInt(),
                    ArrayIO.readDoubles(in),
                    ArrayIO.readDoubles(in),
                    ArrayIO.readStrings(in));
        }
        return new GenerationDecision(
                generation, agents, changes, ArrayIO.readFloats(in), in.readDouble(), in.readInt(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<GenerationDecision> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format of generation decisions in state (the class name is part of every savepoint: keep it). */
    public static final class Snapshot extends VersionedSerializerSnapshot<GenerationDecision> {
        public Snapshot() {
            super(FORMAT, format -> format == FORMAT ? INSTANCE : new GenerationDecisionSerializer(format));
        }
    }
}
