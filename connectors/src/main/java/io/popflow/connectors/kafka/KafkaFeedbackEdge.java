package io.popflow.connectors.kafka;

import io.popflow.flink.feedback.FeedbackEdge;
import io.popflow.flink.feedback.FeedbackRouting;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.TypeInformationSerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The feedback edge through a Kafka topic with one partition per channel: the tail is a
 * transactional sink, the head a {@code read_committed} reader per partition. Unlike the in-JVM
 * edge it needs no co-location, so it is the edge for a job spread over several machines; a record
 * crosses it when the checkpoint after its write completes, so its loop latency is about one
 * checkpoint interval. Records are encoded with the job's own Flink serializer for their type.
 *
 * <p>Nothing is lost or duplicated across a restore for the reasons the in-JVM edge relies on (see
 * {@code io.popflow.flink.feedback}): the head re-reads from its checkpointed offset, the tail's
 * uncommitted writes are aborted, and the loop's protocol is idempotent.
 */
public final class KafkaFeedbackEdge<T> implements FeedbackEdge<T> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int channels;
    private final FeedbackRouting<T> routing;
    private final KafkaConnection connection;
    private final String topic;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private TypeInformation<T> type;

    /**
     * @param name unique within the job; also the operators' uid prefix
     * @param channels head subtasks and topic partitions used (the topic must have at least this many)
     * @param transactionalIdPrefix unique on the cluster for this job, stable across its restores
     */
    public KafkaFeedbackEdge(
            String name,
            int channels,
            FeedbackRouting<T> routing,
            KafkaConnection connection,
            String topic,
            String transactionalIdPrefix,
            Duration transactionTimeout) {
        this.name = name;
        this.channels = channels;
        this.routing = routing;
        this.connection = connection;
        this.topic = topic;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.transactionTimeout = transactionTimeout;
    }

    @Override
    public DataStream<T> head(StreamExecutionEnvironment env, TypeInformation<T> type) {
        this.type = type;
        var source = new KafkaFeedbackHeadSource<>(
                connection, topic, channels, new TypeInformationSerializationSchema<>(type, env.getConfig()), routing);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name + "-head", type)
                .setParallelism(channels)
                .uid(name + "-head");
    }

    @Override
    public void tail(DataStream<T> records) {
        if (type == null) {
            throw new IllegalStateException("call head() before tail()");
        }
        FeedbackRouting<T> r = routing;
        int n = channels;
        var serializer = new TypeInformationSerializationSchema<>(type, records.getExecutionConfig());
        records.sinkTo(ExactlyOnceKafkaSinks.<T>routed(
                        connection,
                        topic,
                        (record, partitions) -> Math.floorMod(r.route(record), n),
                        serializer::serialize,
                        transactionalIdPrefix,
                        transactionTimeout))
                .name(name + "-tail")
                .uid(name + "-tail")
                .setParallelism(channels);
    }

    public String topic() {
        return topic;
    }

    public int channels() {
        return channels;
    }
}
