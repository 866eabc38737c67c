package io.popflow.flink;

import io.popflow.agent.AgentReport;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Agent reports in operator state (the asynchronous selection operator's latest report per agent):
 * every field of {@link AgentReport} in declaration order.
 *
 * <p>Formats: 1, the first; 2, adds the episode return after the validation accuracy; 3, adds the
 * agent's stream position at the end (read as 0 from earlier formats).
 */
public final class AgentReportSerializer extends VersionedSerializer<AgentReport> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 3;
    public static final AgentReportSerializer INSTANCE = new AgentReportSerializer(FORMAT);

    private AgentReportSerializer(int readFormat) {
        super(readFormat, FORMAT);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public AgentReport createInstance() {
        return new AgentReport(0, 0, 0, new double[0], 0, 0, 0, 0, 0, 0, Double.NaN, false, null, -1, 0);
    }

    @Override
    public AgentReport copy(AgentReport from) {
        return from;
    }

    @Override
    protected void write(AgentReport r, DataOutputView out) throws IOException {
        out.writeInt(r.agent());
        out.writeInt(r.generation());
        out.writeLong(r.steps());
        ArrayIO.writeDoubles(out, r.hyperparameters());
        out.writeDouble(r.fitness());
        out.writeDouble(r.rawFitness());
        out.writeDouble(r.trueFitness());
        out.writeDouble(r.trainLoss());
        out.writeDouble(r.validationLoss());
        out.writeDouble(r.validationAccuracy());
        out.writeDouble(r.episodeReturn());
        out.writeBoolean(r.diverged());
        ArrayIO.writeFloats(out, r.params());
        out.writeLong(r.decisionLatencyMicros());
        out.writeLong(r.rngState());
    }

    @Override
    protected AgentReport read(int format, DataInputView in) throws IOException {
        return new AgentReport(
                in.readInt(),
                in.readInt(),
                in.readLong(),
                ArrayIO.readDoubles(in),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                format >= 2 ? in.readDouble() : Double.NaN,
                in.readBoolean(),
                ArrayIO.readFloats(in),
                in.readLong(),
                format >= 3 ? in.readLong() : 0);
    }

    @Override
    public TypeSerializerSnapshot<AgentReport> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format of agent reports in state (the class name is part of every savepoint: keep it). */
    public static final class Snapshot extends VersionedSerializerSnapshot<AgentReport> {
        public Snapshot() {
            super(FORMAT, format -> format == FORMAT ? INSTANCE : new AgentReportSerializer(format));
        }
    }
}
