package io.popflow.flink.feedback;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The head of the in-JVM edge: a source whose subtask {@code i} emits what tail subtask {@code i}
 * put into the broker, and ends at the end-of-run marker. It has no splits and no state (see the
 * package documentation for why nothing needs to be checkpointed here).
 */
final class FeedbackHeadSource<T> implements Source<T, FeedbackHeadSource.NoSplit, Void> {
    private static final long serialVersionUID = 1L;

    private final String edge;
    private final FeedbackRouting<T> routing;

    FeedbackHeadSource(String edge, FeedbackRouting<T> routing) {
        this.edge = edge;
        this.routing = routing;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<NoSplit, Void> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
        return new NoSplitEnumerator();
    }

    @Override
    public SplitEnumerator<NoSplit, Void> restoreEnumerator(SplitEnumeratorContext<NoSplit> context, Void checkpoint) {
        return new NoSplitEnumerator();
    }

    @Override
    public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
        return new NothingSerializer<>();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new NothingSerializer<>();
    }

    @Override
    public SourceReader<T, NoSplit> createReader(SourceReaderContext context) {
        return new Reader<>(keyOf(edge, context), routing);
    }

    /**
     * A source reader is not told its job id or attempt number, but its metric group carries both
     * as scope variables; the tail reads the same values from its task info.
     */
    static ChannelKey keyOf(String edge, SourceReaderContext context) {
        Map<String, String> variables = context.metricGroup().getAllVariables();
        String job = variables.get("<job_id>");
        String attempt = variables.get("<task_attempt_num>");
        if (job == null || attempt == null) {
            throw new IllegalStateException("feedback head '" + edge + "' cannot tell its job and attempt: "
                    + "the metric scope variables <job_id> and <task_attempt_num> are missing");
        }
        return new ChannelKey(job, edge, context.getIndexOfSubtask(), Integer.parseInt(attempt));
    }

    static final class Reader<T> implements SourceReader<T, NoSplit> {
        private static final CompletableFuture<Void> ENDED = CompletableFuture.completedFuture(null);

        private final ChannelKey key;
        private final FeedbackRouting<T> routing;
        private FeedbackChannel<T> channel;
        private boolean ended;

        Reader(ChannelKey key, FeedbackRouting<T> routing) {
            this.key = key;
            this.routing = routing;
        }

        @Override
        public void start() {
            FeedbackBroker.releaseOlderAttempts(key);
            channel = FeedbackBroker.channel(key);
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) {
            if (ended) {
                return InputStatus.END_OF_INPUT;
            }
            T record = channel.poll();
            if (record == null) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            if (routing.isEndOfRun(record)) {
                ended = true;
                FeedbackBroker.release(key);
                return InputStatus.END_OF_INPUT;
            }
            output.collect(record);
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return ended ? ENDED : channel.availability();
        }

        @Override
        public List<NoSplit> snapshotState(long checkpointId) {
            return Collections.emptyList();
        }

        @Override
        public void addSplits(List<NoSplit> splits) {}

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {
            FeedbackBroker.release(key);
        }
    }

    /** The head reads no external splits; this type only satisfies the source interface. */
    static final class NoSplit implements SourceSplit {
        @Override
        public String splitId() {
            return "feedback";
        }
    }

    private static final class NoSplitEnumerator implements SplitEnumerator<NoSplit, Void> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<NoSplit> splits, int subtaskId) {}

        @Override
        public void addReader(int subtaskId) {}

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() {}
    }

    /** Serializes the absence of state (no splits, no enumerator checkpoint). */
    private static final class NothingSerializer<V> implements SimpleVersionedSerializer<V> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(V obj) {
            return new byte[0];
        }

        @Override
        public V deserialize(int version, byte[] serialized) throws IOException {
            if (serialized.length != 0) {
                throw new IOException("the feedback head has no state, got " + serialized.length + " bytes");
            }
            return null;
        }
    }
}
