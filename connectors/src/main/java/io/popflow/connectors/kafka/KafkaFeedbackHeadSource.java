package io.popflow.connectors.kafka;

import io.popflow.flink.feedback.FeedbackChannel;
import io.popflow.flink.feedback.FeedbackRouting;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The head of the Kafka feedback edge: subtask {@code i} reads partition {@code i} of the feedback
 * topic, {@code read_committed}, so it sees what the tail wrote once the checkpoint covering it has
 * completed. It checkpoints the offset it emits next; a fresh run starts at the partitions' ends
 * as they were when the job was built, so earlier runs' records are never read. It ends at the
 * end-of-run marker of its channel.
 */
final class KafkaFeedbackHeadSource<T> implements Source<T, FeedbackPartitionSplit, List<FeedbackPartitionSplit>> {
    private static final long serialVersionUID = 1L;

    private final KafkaConnection connection;
    private final String topic;
    private final int channels;
    private final DeserializationSchema<T> records;
    private final FeedbackRouting<T> routing;

    KafkaFeedbackHeadSource(
            KafkaConnection connection,
            String topic,
            int channels,
            DeserializationSchema<T> records,
            FeedbackRouting<T> routing) {
        this.connection = connection;
        this.topic = topic;
        this.channels = channels;
        this.records = records;
        this.routing = routing;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<FeedbackPartitionSplit, List<FeedbackPartitionSplit>> createEnumerator(
            SplitEnumeratorContext<FeedbackPartitionSplit> context) {
        return new Enumerator(context, currentEnds());
    }

    @Override
    public SplitEnumerator<FeedbackPartitionSplit, List<FeedbackPartitionSplit>> restoreEnumerator(
            SplitEnumeratorContext<FeedbackPartitionSplit> context, List<FeedbackPartitionSplit> unassigned) {
        return new Enumerator(context, unassigned);
    }

    /** Where each channel starts in a fresh run: the committed end of its partition. */
    private List<FeedbackPartitionSplit> currentEnds() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < channels; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(connection)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<FeedbackPartitionSplit> splits = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                splits.add(new FeedbackPartitionSplit(tp.partition(), ends.get(tp)));
            }
            return splits;
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection connection) {
        Properties props = connection.clientProperties();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public SimpleVersionedSerializer<FeedbackPartitionSplit> getSplitSerializer() {
        return FeedbackPartitionSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<FeedbackPartitionSplit>> getEnumeratorCheckpointSerializer() {
        return new UnassignedSerializer();
    }

    @Override
    public SourceReader<T, FeedbackPartitionSplit> createReader(SourceReaderContext context) {
        return new Reader<>(connection, topic, records, routing);
    }

    /** Gives reader {@code i} partition {@code i}, once; takes splits back from failed readers. */
    private static final class Enumerator
            implements SplitEnumerator<FeedbackPartitionSplit, List<FeedbackPartitionSplit>> {
        private final SplitEnumeratorContext<FeedbackPartitionSplit> context;
        private final Map<Integer, FeedbackPartitionSplit> unassigned = new TreeMap<>();

        Enumerator(SplitEnumeratorContext<FeedbackPartitionSplit> context, List<FeedbackPartitionSplit> unassigned) {
            this.context = context;
            for (FeedbackPartitionSplit s : unassigned) {
                this.unassigned.put(s.partition(), s);
            }
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<FeedbackPartitionSplit> splits, int subtaskId) {
            for (FeedbackPartitionSplit s : splits) {
                unassigned.put(s.partition(), s);
            }
        }

        @Override
        public void addReader(int subtaskId) {
            FeedbackPartitionSplit split = unassigned.remove(subtaskId);
            if (split != null) {
                context.assignSplit(split, subtaskId);
            }
        }

        @Override
        public List<FeedbackPartitionSplit> snapshotState(long checkpointId) {
            return new ArrayList<>(unassigned.values());
        }

        @Override
        public void close() {}
    }

    /**
     * Polls its partition on a fetch thread (a Kafka consumer must not block the task thread) and
     * hands records to the task thread through a {@link FeedbackChannel}.
     */
    static final class Reader<T> implements SourceReader<T, FeedbackPartitionSplit> {
        private static final CompletableFuture<Void> ENDED = CompletableFuture.completedFuture(null);
        private static final ConsumerRecord<byte[], byte[]> WAKE = new ConsumerRecord<>("wake", -1, -1, null, null);

        private final KafkaConnection connection;
        private final String topic;
        private final DeserializationSchema<T> records;
        private final FeedbackRouting<T> routing;
        private final FeedbackChannel<ConsumerRecord<byte[], byte[]>> fetched = new FeedbackChannel<>();
        private volatile boolean running;
        private volatile Throwable failure;
        private Thread fetcher;
        private FeedbackPartitionSplit split;
        private long next;
        private boolean ended;

        Reader(KafkaConnection connection, String topic, DeserializationSchema<T> records, FeedbackRouting<T> routing) {
            this.connection = connection;
            this.topic = topic;
            this.records = records;
            this.routing = routing;
        }

        @Override
        public void start() {}

        @Override
        public void addSplits(List<FeedbackPartitionSplit> splits) {
            if (split != null || splits.size() != 1) {
                throw new IllegalStateException(
                        "a feedback head reads one partition, got " + splits + " after " + split);
            }
            split = splits.get(0);
            next = split.offset();
            TopicPartition partition = new TopicPartition(topic, split.partition());
            running = true;
            fetcher = new Thread(
                    () -> fetch(partition, split.offset()), "feedback-fetch-" + topic + "-" + split.partition());
            fetcher.setDaemon(true);
            fetcher.start();
        }

        private void fetch(TopicPartition partition, long from) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(connection)) {
                consumer.assign(List.of(partition));
                consumer.seek(partition, from);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        fetched.put(r);
                    }
                }
            } catch (Throwable t) {
                failure = t;
                fetched.put(WAKE);
            }
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws IOException {
            if (failure != null) {
                throw new IOException("feedback head lost its Kafka consumer", failure);
            }
            if (ended) {
                return InputStatus.END_OF_INPUT;
            }
            ConsumerRecord<byte[], byte[]> r = fetched.poll();
            if (r == null || r == WAKE) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            next = r.offset() + 1;
            T record = records.deserialize(r.value());
            if (routing.isEndOfRun(record)) {
                ended = true;
                stopFetching();
                return InputStatus.END_OF_INPUT;
            }
            output.collect(record);
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return ended || failure != null ? ENDED : fetched.availability();
        }

        @Override
        public List<FeedbackPartitionSplit> snapshotState(long checkpointId) {
            return split == null ? List.of() : List.of(new FeedbackPartitionSplit(split.partition(), next));
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {
            stopFetching();
        }

        private void stopFetching() {
            running = false;
            if (fetcher != null) {
                // the fetch loop sees the flag within one poll timeout
                try {
                    fetcher.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fetcher = null;
            }
        }
    }

    /** The enumerator's checkpoint: splits not yet handed to a reader. */
    private static final class UnassignedSerializer implements SimpleVersionedSerializer<List<FeedbackPartitionSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<FeedbackPartitionSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(4 + 12 * splits.size());
            out.writeInt(splits.size());
            for (FeedbackPartitionSplit s : splits) {
                out.writeInt(s.partition());
                out.writeLong(s.offset());
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<FeedbackPartitionSplit> deserialize(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            List<FeedbackPartitionSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(new FeedbackPartitionSplit(in.readInt(), in.readLong()));
            }
            return splits;
        }
    }
}
