package io.popflow.flink.feedback;

import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A cycle in a job graph: records given to the tail come out of the head.
 *
 * <p>Call {@link #head} first (it creates the stream that closes the loop), build the loop's body
 * from it, then pass the body's output to {@link #tail}. The head ends after it has emitted every
 * record that preceded an end-of-run marker on each of its channels.
 *
 * @param <T> record type on the edge
 */
public interface FeedbackEdge<T> extends Serializable {

    /** The stream of records that reached the tail. */
    DataStream<T> head(StreamExecutionEnvironment env, TypeInformation<T> type);

    /** Sends {@code records} back to the head. */
    void tail(DataStream<T> records);
}
