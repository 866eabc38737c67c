package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.Directive;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.WeightRequest;
import io.popflow.agent.WeightTransfer;
import io.popflow.data.LabeledExample;
import io.popflow.es.EsGeneration;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Agent commands in operator state (the asynchronous selection operator's outstanding commands):
 * agent, route and stamp, then a tag naming the one part that is set, then that part.
 *
 * <p>Formats: 1, the first; 2, a weight transfer carries the optimizer's step count after its memory;
 * 3, a directive is its generation, recipients and merge, then one tagged action (before: one record
 * of optional fields, still read); 4, an evolution strategy's commands: the distribution update and
 * the sample and take-mean actions (new tags; formats 1-3 never hold them, so they read unchanged);
 * 5, a weight transfer ends with a user trainable's state (length-prefixed bytes, -1 for none).
 */
public final class AgentCommandSerializer extends VersionedSerializer<AgentCommand> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 5;
    public static final AgentCommandSerializer INSTANCE = new AgentCommandSerializer(FORMAT);

    private static final byte END_OF_RUN = 0;
    private static final byte SEED = 1;
    private static final byte DIRECTIVE = 2;
    private static final byte TRANSFER = 3;
    private static final byte REQUEST = 4;
    private static final byte EXAMPLE = 5;
    private static final byte DISTRIBUTION = 6;

    private static final byte KEEP = 0;
    private static final byte MUTATE = 1;
    private static final byte COPY = 2;
    private static final byte RESET = 3;
    private static final byte STOP = 4;
    private static final byte SAMPLE = 5;
    private static final byte TAKE_MEAN = 6;

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
        if (c instanceof AgentCommand.Create create) {
            out.writeByte(SEED);
            ArrayIO.writeDoubles(out, create.seed().hyperparameters());
        } else if (c instanceof AgentCommand.Decide decide) {
            out.writeByte(DIRECTIVE);
            writeDirective(decide.directive(), out);
        } else if (c instanceof AgentCommand.Transfer transfer) {
            out.writeByte(TRANSFER);
            writeTransfer(transfer.transfer(), out);
        } else if (c instanceof AgentCommand.Request request) {
            out.writeByte(REQUEST);
            out.writeInt(request.request().recipient());
            out.writeInt(request.request().generation());
        } else if (c instanceof AgentCommand.Example example) {
            out.writeByte(EXAMPLE);
            ArrayIO.writeFloats(out, example.example().features());
            out.writeInt(example.example().label());
            out.writeBoolean(example.example().validation());
        } else if (c instanceof AgentCommand.Distribution distribution) {
            out.writeByte(DISTRIBUTION);
            EsGeneration u = distribution.update();
            out.writeInt(u.generation());
            out.writeLong(u.seed());
            ArrayIO.writeDoubles(out, u.fitness());
            out.writeLong(u.nextSeed());
            out.writeLong(u.digest());
            out.writeInt(u.state().length);
            out.write(u.state());
        } else {
            out.writeByte(END_OF_RUN);
        }
    }

    /** Format 3: generation, recipients, merge, then the action's tag and its fields. */
    private static void writeDirective(Directive d, DataOutputView out) throws IOException {
        out.writeInt(d.generation());
        ArrayIO.writeInts(out, d.sendTo());
        ArrayIO.writeFloats(out, d.merge().target());
        out.writeDouble(d.merge().strength());
        Directive.Action a = d.action();
        if (a instanceof Directive.Keep) {
            out.writeByte(KEEP);
        } else if (a instanceof Directive.Mutate m) {
            out.writeByte(MUTATE);
            ArrayIO.writeDoubles(out, m.hyperparameters());
        } else if (a instanceof Directive.Copy copy) {
            out.writeByte(COPY);
            out.writeInt(copy.donor());
            ArrayIO.writeDoubles(out, copy.hyperparameters());
        } else if (a instanceof Directive.Reset r) {
            out.writeByte(RESET);
            ArrayIO.writeDoubles(out, r.hyperparameters());
        } else if (a instanceof Directive.Sample) {
            out.writeByte(SAMPLE);
        } else if (a instanceof Directive.TakeMean mean) {
            out.writeByte(TAKE_MEAN);
            out.writeBoolean(mean.evaluateTest());
        } else {
            out.writeByte(STOP);
            out.writeBoolean(((Directive.Stop) a).evaluateTest());
        }
    }

    private static Directive readDirective(int format, DataInputView in) throws IOException {
        if (format < 3) {
            return readFlatDirective(in);
        }
        int generation = in.readInt();
        int[] sendTo = ArrayIO.readInts(in);
        Directive.Merge merge = new Directive.Merge(ArrayIO.readFloats(in), in.readDouble());
        byte tag = in.readByte();
        Directive.Action action = switch (tag) {
            case KEEP -> new Directive.Keep();
            case MUTATE -> new Directive.Mutate(ArrayIO.readDoubles(in));
            case COPY -> new Directive.Copy(in.readInt(), ArrayIO.readDoubles(in));
            case RESET -> new Directive.Reset(ArrayIO.readDoubles(in));
            case STOP -> new Directive.Stop(in.readBoolean());
            case SAMPLE -> new Directive.Sample();
            case TAKE_MEAN -> new Directive.TakeMean(in.readBoolean());
            default -> throw new IOException("unknown directive action tag " + tag);
        };
        return new Directive(generation, sendTo, merge, action);
    }

    /**
     * Formats 1 and 2 wrote a directive as one record of optional fields: generation, copyFrom (-1:
     * none), reset, h (null: keep), sendTo, stop, evaluateTest, merge target (null: none), strength.
     */
    private static Directive readFlatDirective(DataInputView in) throws IOException {
        int generation = in.readInt();
        int copyFrom = in.readInt();
        boolean reset = in.readBoolean();
        double[] h = ArrayIO.readDoubles(in);
        int[] sendTo = ArrayIO.readInts(in);
        boolean stop = in.readBoolean();
        boolean evaluateTest = in.readBoolean();
        float[] target = ArrayIO.readFloats(in);
        double strength = in.readDouble();
        Directive.Action action = stop
                ? new Directive.Stop(evaluateTest)
                : reset
                        ? new Directive.Reset(h)
                        : copyFrom >= 0
                                ? new Directive.Copy(copyFrom, h)
                                : h != null ? new Directive.Mutate(h) : new Directive.Keep();
        return new Directive(
                generation,
                sendTo,
                target == null ? Directive.Merge.NONE : new Directive.Merge(target, strength),
                action);
    }

    static void writeTransfer(WeightTransfer t, DataOutputView out) throws IOException {
        out.writeInt(t.generation());
        out.writeInt(t.donor());
        ArrayIO.writeFloats(out, t.params());
        ArrayIO.writeFloats(out, t.optimizerMemory());
        out.writeLong(t.optimizerSteps());
        out.writeDouble(t.fitnessMemory());
        ArrayIO.writeBytes(out, t.trainable());
    }

    /**
     * Reads a transfer; {@code withSteps}: written with its optimizer step count (not so before
     * format 2); {@code withTrainable}: with a user trainable's state (not so before format 5).
     */
    static WeightTransfer readTransfer(DataInputView in, boolean withSteps, boolean withTrainable) throws IOException {
        return new WeightTransfer(
                in.readInt(),
                in.readInt(),
                ArrayIO.readFloats(in),
                ArrayIO.readFloats(in),
                withSteps ? in.readLong() : 0,
                in.readDouble(),
                withTrainable ? ArrayIO.readBytes(in) : null);
    }

    @Override
    protected AgentCommand read(int format, DataInputView in) throws IOException {
        int agent = in.readInt();
        int route = in.readInt();
        long micros = in.readLong();
        byte tag = in.readByte();
        return switch (tag) {
            case SEED -> new AgentCommand.Create(agent, new InitialHyperparameters(ArrayIO.readDoubles(in)));
            case DIRECTIVE -> new AgentCommand.Decide(agent, readDirective(format, in), micros);
            case TRANSFER -> new AgentCommand.Transfer(agent, readTransfer(in, format >= 2, format >= 5), micros);
            case REQUEST -> new AgentCommand.Request(agent, new WeightRequest(in.readInt(), in.readInt()), micros);
            case EXAMPLE ->
                new AgentCommand.Example(
                        route, new LabeledExample(ArrayIO.readFloats(in), in.readInt(), in.readBoolean()));
            case END_OF_RUN -> new AgentCommand.EndOfRun(route);
            case DISTRIBUTION ->
                new AgentCommand.Distribution(
                        route,
                        new EsGeneration(
                                in.readInt(),
                                in.readLong(),
                                ArrayIO.readDoubles(in),
                                in.readLong(),
                                in.readLong(),
                                readBytes(in)),
                        micros);
            default -> throw new IOException("unknown agent command tag " + tag + " (format " + format + ")");
        };
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
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
