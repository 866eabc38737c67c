package io.popflow.flink.feedback;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The default feedback edge: co-located tail and head subtasks exchange records through an in-JVM
 * queue, no serialisation, no external system. Its loop latency is a queue hand-off; it needs tail
 * and head subtask {@code i} in one JVM, which the co-location group guarantees on any cluster.
 */
public final class InJvmFeedbackEdge<T> implements FeedbackEdge<T> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int parallelism;
    private final FeedbackRouting<T> routing;

    /**
     * @param name unique within the job; also the operators' uid prefix
     * @param parallelism number of channels (head and tail subtasks)
     * @param routing channel choice and end-of-run markers
     */
    public InJvmFeedbackEdge(String name, int parallelism, FeedbackRouting<T> routing) {
        this.name = name;
        this.parallelism = parallelism;
        this.routing = routing;
    }

    @Override
    public DataStream<T> head(StreamExecutionEnvironment env, TypeInformation<T> type) {
        DataStreamSource<T> head = env.fromSource(
                new FeedbackHeadSource<>(name, routing), WatermarkStrategy.noWatermarks(), name + "-head", type);
        head.setParallelism(parallelism).uid(name + "-head");
        head.getTransformation().setCoLocationGroupKey(coLocationGroup());
        return head;
    }

    @Override
    public void tail(DataStream<T> records) {
        FeedbackRouting<T> r = routing;
        SingleOutputStreamOperator<Void> tail = records.partitionCustom(
                        (route, channels) -> Math.floorMod(route, channels), r::route)
                .transform(name + "-tail", Types.VOID, new FeedbackTailOperator<T>(name))
                .setParallelism(parallelism)
                .uid(name + "-tail");
        tail.getTransformation().setCoLocationGroupKey(coLocationGroup());
    }

    private String coLocationGroup() {
        return "feedback-" + name;
    }

    public int parallelism() {
        return parallelism;
    }
}
