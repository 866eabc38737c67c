package io.popflow.connectors.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes records as lines to one local file, exactly once across failures.
 *
 * <p>The writer's checkpointed state is the file length at the checkpoint. A restored writer cuts
 * the file back to that length before appending, so the records Flink replays after a failure
 * replace, byte for byte, the ones written after the checkpoint; a writer that starts without state
 * starts an empty file. This needs a single writer (parallelism 1) on a file system that supports
 * truncation: the embedded default's output folder. Output to shared systems goes to Kafka.
 */
public final class JsonLinesFileSink<T> implements Sink<T>, SupportsWriterState<T, Long> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final LineEncoder<T> encoder;

    public JsonLinesFileSink(Path path, LineEncoder<T> encoder) {
        this.path = path.toAbsolutePath().toString();
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(Paths.get(path), encoder, 0L, context);
    }

    @Override
    public StatefulSinkWriter<T, Long> restoreWriter(WriterInitContext context, Collection<Long> recoveredState)
            throws IOException {
        if (recoveredState.size() != 1) {
            throw new IOException(
                    "a JSON Lines file sink restores from exactly one writer state, got " + recoveredState.size());
        }
        return new Writer<>(Paths.get(path), encoder, recoveredState.iterator().next(), context);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new OffsetSerializer();
    }

    private static final class Writer<T> implements StatefulSinkWriter<T, Long> {
        private final LineEncoder<T> encoder;
        private final FileChannel channel;
        private final OutputStream out;
        private long length;

        Writer(Path path, LineEncoder<T> encoder, long restoredLength, WriterInitContext context) throws IOException {
            int writers = context.getTaskInfo().getNumberOfParallelSubtasks();
            if (writers != 1) {
                throw new IllegalStateException(
                        "JSON Lines file sink for " + path + " needs parallelism 1, got " + writers);
            }
            this.encoder = encoder;
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() < restoredLength) {
                throw new IOException(path + " is shorter (" + channel.size() + " bytes) than at the checkpoint ("
                        + restoredLength + " bytes): it was changed outside the job");
            }
            channel.truncate(restoredLength);
            channel.position(restoredLength);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            this.length = restoredLength;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            byte[] line = (encoder.encode(element) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            length += line.length;
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
            if (endOfInput) {
                channel.force(false);
            }
        }

        @Override
        public List<Long> snapshotState(long checkpointId) throws IOException {
            out.flush();
            return List.of(length);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class OffsetSerializer implements SimpleVersionedSerializer<Long> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long offset) {
            return ByteBuffer.allocate(Long.BYTES).putLong(offset).array();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1 || serialized.length != Long.BYTES) {
                throw new IOException(
                        "unknown file sink state: version " + version + ", " + serialized.length + " bytes");
            }
            return ByteBuffer.wrap(serialized).getLong();
        }
    }
}
