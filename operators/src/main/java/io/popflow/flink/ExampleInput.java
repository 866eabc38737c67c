package io.popflow.flink;

import io.popflow.data.LabeledExample;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a stream-fed population's training examples come from (a Kafka topic, in production).
 * Whatever it cannot decode it must keep out of the returned stream and account for itself.
 */
public interface ExampleInput extends Serializable {

    /** The decoded examples; called once, while the job graph is built. */
    DataStream<LabeledExample> examples(StreamExecutionEnvironment env);
}
