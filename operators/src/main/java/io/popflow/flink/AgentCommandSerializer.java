package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.Directive;
import io.popflow.agent.Seed;
import io.popflow.agent.WeightRequest;
import io.popflow.agent.WeightTransfer;
import io.popflow.data.LabeledExample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Agent commands in operator state (the asynchronous selection operator's outstanding commands):
 * agent, route and stamp, then a tag naming the one part that is set, then that part.
 *
 * <p>Formats: 1, the first; 2, a weight transfer carries the optimizer's step count after its memory.
 */
public final class AgentCommandSerializer extends VersionedSerializer<AgentCommand> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 2;
    public static final AgentCommandSerializer INSTANCE = new AgentCommandSerializer(FORMAT);

    private static final byte END_OF_RUN = 0;
    private static final byte SEED = 1;
    private static final byte DIRECTIVE = 2;
    private static final byte TRANSFER = 3;
    private static final byte REQUEST = 4;
    private static final byte EXAMPLE = 5;

    private AgentCommandSerializer(int readFormat) {
        super(readFormat, FORMAT);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public AgentCommand createInstance() {
        return AgentCommand.endOfRun(0);
    }

    @Override
    public AgentCommand copy(AgentCommand from) {
        return from; // immutable records; arrays are never written after construction
    }

    @Override
    protected void write(AgentCommand c, DataOutputView out) throws IOException {
        out.writeInt(c.agent());
        out.writeInt(c.route());
        out.writeLong(c.emittedMicros());
        if (c.seed() != null) {
            out.writeByte(SEED);
            ArrayIO.writeDoubles(out, c.seed().hyperparameters());
        } else if (c.directive() != null) {
            out.writeByte(DIRECTIVE);
            Directive d = c.directive();
            out.writeInt(d.generation());
            out.writeInt(d.copyFrom());
            out.writeBoolean(d.reset());
            ArrayIO.writeDoubles(out, d.hyperparameters());
            ArrayIO.writeInts(out, d.sendTo());
            out.writeBoolean(d.stop());
            out.writeBoolean(d.evaluateTest());
            ArrayIO.writeFloats(out, d.mergeTarget());
            out.writeDouble(d.mergeStrength());
        } else if (c.transfer() != null) {
            out.writeByte(TRANSFER);
            writeTransfer(c.transfer(), out);
        } else if (c.request() != null) {
            out.writeByte(REQUEST);
            out.writeInt(c.request().recipient());
            out.writeInt(c.request().generation());
        } else if (c.example() != null) {
            out.writeByte(EXAMPLE);
            ArrayIO.writeFloats(out, c.example().features());
            out.writeInt(c.example().label());
            out.writeBoolean(c.example().validation());
        } else {
            out.writeByte(END_OF_RUN);
        }
    }

    static void writeTransfer(WeightTransfer t, DataOutputView out) throws IOException {
        out.writeInt(t.generation());
        out.writeInt(t.donor());
        ArrayIO.writeFloats(out, t.params());
        ArrayIO.writeFloats(out, t.velocity());
        out.writeLong(t.optimizerSteps());
        out.writeDouble(t.fitnessMemory());
    }

    /** Reads a transfer; {@code withSteps}: written with its optimizer step count (not so before format 2). */
    static WeightTransfer readTransfer(DataInputView in, boolean withSteps) throws IOException {
        return new WeightTransfer(in.readInt(), in.readInt(), ArrayIO.readFloats(in), ArrayIO.readFloats(in),
                withSteps ? in.readLong() : 0, in.readDouble());
    }

    @Override
    protected AgentCommand read(int format, DataInputView in) throws IOException {
        int agent = in.readInt();
        int route = in.readInt();
        long micros = in.readLong();
        byte tag = in.readByte();
        return switch (tag) {
            case SEED -> new AgentCommand(agent, route, new Seed(ArrayIO.readDoubles(in)), null, null, null, null, micros);
            case DIRECTIVE -> new AgentCommand(agent, route, null, new Directive(in.readInt(), in.readInt(), in.readBoolean(),
                    ArrayIO.readDoubles(in), ArrayIO.readInts(in), in.readBoolean(), in.readBoolean(), ArrayIO.readFloats(in),
                    in.readDouble()), null, null, null, micros);
            case TRANSFER -> new AgentCommand(agent, route, null, null, readTransfer(in, format >= 2), null, null, micros);
            case REQUEST -> new AgentCommand(agent, route, null, null, null, new WeightRequest(in.readInt(), in.readInt()),
                    null, micros);
            case EXAMPLE -> new AgentCommand(agent, route, null, null, null, null,
                    new LabeledExample(ArrayIO.readFloats(in), in.readInt(), in.readBoolean()), micros);
            case END_OF_RUN -> new AgentCommand(agent, route, null, null, null, null, null, micros);
            default -> throw new IOException("unknown agent command tag " + tag + " (format " + format + ")");
        };
    }

    @Override
    public TypeSerializerSnapshot<AgentCommand> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format of agent commands in state (the class name is part of every savepoint: keep it). */
    public static final class Snapshot extends VersionedSerializerSnapshot<AgentCommand> {
        public Snapshot() {
            super(FORMAT, format -> format == FORMAT ? INSTANCE : new AgentCommandSerializer(format));
        }
    }
}
