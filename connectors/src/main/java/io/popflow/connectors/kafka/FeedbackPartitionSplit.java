package io.popflow.connectors.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One partition of the feedback topic (= one channel of the edge) and the offset its head reader
 * emits next; what the reader checkpoints.
 */
record FeedbackPartitionSplit(int partition, long offset) implements SourceSplit {

    @Override
    public String splitId() {
        return "feedback-" + partition;
    }

    static final class Serializer implements SimpleVersionedSerializer<FeedbackPartitionSplit> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(FeedbackPartitionSplit split) {
            return ByteBuffer.allocate(12)
                    .putInt(split.partition)
                    .putLong(split.offset)
                    .array();
        }

        @Override
        public FeedbackPartitionSplit deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1 || bytes.length != 12) {
                throw new IOException("feedback split: version " + version + ", " + bytes.length + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new FeedbackPartitionSplit(b.getInt(), b.getLong());
        }
    }
}
