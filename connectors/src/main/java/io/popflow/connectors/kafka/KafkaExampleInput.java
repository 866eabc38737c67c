package io.popflow.connectors.kafka;

import io.popflow.connectors.records.DeadLetter;
import io.popflow.connectors.records.ExampleDecoder;
import io.popflow.connectors.records.ExampleFormat;
import io.popflow.data.LabeledExample;
import io.popflow.flink.ExampleInput;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Training examples from a Kafka topic: raw records are read ({@code read_committed}; offsets in
 * Flink's checkpoints, and committed to the group for monitoring), decoded and checked by {@link
 * ExampleDecoder}; refused ones go to the dead-letter topic, exactly once, keyed by their original key.
 *
 * @param connection the cluster
 * @param topic where examples arrive
 * @param groupId consumer group (offsets are committed to it on checkpoints, for lag monitoring)
 * @param fromLatest a fresh run starts at the topic's end rather than its beginning
 * @param format what a valid record looks like
 * @param validationFraction share of examples held out for fitness
 * @param deadLetterTopic where refused records go
 * @param transactionalIdPrefix for the dead-letter sink; unique on the cluster, stable across restores
 * @param transactionTimeout the dead-letter sink's
 */
public record KafkaExampleInput(
        KafkaConnection connection,
        String topic,
        String groupId,
        boolean fromLatest,
        ExampleFormat format,
        double validationFraction,
        String deadLetterTopic,
        String transactionalIdPrefix,
        Duration transactionTimeout)
        implements ExampleInput {

    @Override
    public DataStream<LabeledExample> examples(StreamExecutionEnvironment env) {
        KafkaSource<KafkaBytes> source = KafkaSource.<KafkaBytes>builder()
                .setProperties(connection.clientProperties())
                .setBootstrapServers(connection.bootstrapServers())
                .setTopics(topic)
                .setGroupId(groupId)
                .setProperty("isolation.level", "read_committed")
                .setStartingOffsets(fromLatest ? OffsetsInitializer.latest() : OffsetsInitializer.earliest())
                .setDeserializer(new Raw())
                .build();
        SingleOutputStreamOperator<LabeledExample> decoded = ExampleDecoder.decode(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "examples-source")
                        .uid("examples-source"),
                format,
                validationFraction);
        decoded.getSideOutput(ExampleDecoder.DEAD_LETTERS)
                .sinkTo(ExactlyOnceKafkaSinks.of(
                        connection,
                        deadLetterTopic,
                        DeadLetter.Encoded::key,
                        DeadLetter.Encoded::json,
                        transactionalIdPrefix,
                        transactionTimeout))
                .name("dead-letter-sink")
                .uid("dead-letter-sink")
                .setParallelism(1);
        return decoded;
    }

    /** Keeps every record whole, so that nothing is lost before it can be checked. */
    private static final class Raw implements KafkaRecordDeserializationSchema<KafkaBytes> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<KafkaBytes> out) {
            out.collect(new KafkaBytes(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
        }

        @Override
        public TypeInformation<KafkaBytes> getProducedType() {
            return TypeInformation.of(KafkaBytes.class);
        }
    }

    @Override
    public String toString() {
        return "examples from " + topic + " (" + format.encoding() + ", " + format.features() + " features) on "
                + connection + "; dead letters to " + deadLetterTopic;
    }
}
