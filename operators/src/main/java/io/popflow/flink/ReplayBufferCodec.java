package io.popflow.flink;

import io.popflow.data.ReplayBuffer;
import io.popflow.data.StreamedExamples;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A subtask's replay buffers as bytes for operator state: per buffer the count of examples ever
 * added, then the held examples oldest first, so that a restore re-adds them in arrival order.
 */
final class ReplayBufferCodec {
    private static final int VERSION = 1;

    private ReplayBufferCodec() {}

    static byte[] encode(StreamedExamples examples) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(VERSION);
        write(out, examples.trainBuffer());
        write(out, examples.validationBuffer());
        return out.getCopyOfBuffer();
    }

    /** Adds the examples encoded in {@code bytes} to {@code examples}. */
    static void decodeInto(byte[] bytes, StreamedExamples examples) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("replay buffer state version " + version + ", this build reads " + VERSION);
        }
        read(in, examples.trainBuffer());
        read(in, examples.validationBuffer());
    }

    private static void write(DataOutputView out, ReplayBuffer b) throws IOException {
        out.writeLong(b.added());
        out.writeInt(b.features());
        out.writeInt(b.count());
        for (int i = 0; i < b.count(); i++) {
            ArrayIO.writeFloats(out, b.features(i));
            out.writeInt(b.label(i));
        }
    }

    private static void read(DataInputView in, ReplayBuffer b) throws IOException {
        long added = in.readLong();
        int features = in.readInt();
        if (features != b.features()) {
            throw new IOException(
                    "checkpointed examples have " + features + " features, the task expects " + b.features());
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            b.add(ArrayIO.readFloats(in), in.readInt());
        }
        b.restoreAdded(Math.max(b.added() - count + added, b.added()));
    }
}
