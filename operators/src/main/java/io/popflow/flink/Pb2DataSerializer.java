package io.popflow.flink;

import io.popflow.slow.Pb2Data;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * PB2's data in the synchronous selection operator's state: the window, every observation
 * (generation, start fitness, h in the unit cube, change) and each agent's start fitness.
 *
 * <p>Formats: 1, the first.
 */
public final class Pb2DataSerializer extends VersionedSerializer<Pb2Data> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 1;
    public static final Pb2DataSerializer INSTANCE = new Pb2DataSerializer(FORMAT);

    private Pb2DataSerializer(int readFormat) {
        super(readFormat, FORMAT);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Pb2Data createInstance() {
        return Pb2Data.empty(2);
    }

    @Override
    public Pb2Data copy(Pb2Data from) {
        return from;
    }

    @Override
    protected void write(Pb2Data d, DataOutputView out) throws IOException {
        out.writeInt(d.window());
        out.writeInt(d.observations().size());
        for (Pb2Data.Observation o : d.observations()) {
            out.writeInt(o.generation());
            out.writeDouble(o.startFitness());
            ArrayIO.writeDoubles(out, o.coordinates());
            out.writeDouble(o.change());
        }
        out.writeInt(d.startFitness().size());
        for (Map.Entry<Integer, Double> e : d.startFitness().entrySet()) {
            out.writeInt(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    @Override
    protected Pb2Data read(int format, DataInputView in) throws IOException {
        int window = in.readInt();
        int n = in.readInt();
        List<Pb2Data.Observation> observations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            observations.add(
                    new Pb2Data.Observation(in.readInt(), in.readDouble(), ArrayIO.readDoubles(in), in.readDouble()));
        }
        int agents = in.readInt();
        Map<Integer, Double> start = new TreeMap<>();
        for (int i = 0; i < agents; i++) {
            start.put(in.readInt(), in.readDouble());
        }
        return new Pb2Data(window, observations, start);
    }

    @Override
    public TypeSerializerSnapshot<Pb2Data> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format of PB2's data in state (the class name is part of every savepoint: keep it). */
    public static final class Snapshot extends VersionedSerializerSnapshot<Pb2Data> {
        public Snapshot() {
            super(FORMAT, format -> format == FORMAT ? INSTANCE : new Pb2DataSerializer(format));
        }
    }
}
