package io.popflow.flink.feedback;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** The tail of the in-JVM edge: puts every record into its subtask's channel in the broker. */
final class FeedbackTailOperator<T> extends AbstractStreamOperator<Void> implements OneInputStreamOperator<T, Void> {
    private static final long serialVersionUID = 1L;

    private final String edge;
    private transient FeedbackChannel<T> channel;

    FeedbackTailOperator(String edge) {
        this.edge = edge;
    }

    @Override
    public void open() throws Exception {
        super.open();
        TaskInfo task = getRuntimeContext().getTaskInfo();
        ChannelKey key = new ChannelKey(
                getRuntimeContext().getJobInfo().getJobId().toString(),
                edge,
                task.getIndexOfThisSubtask(),
                task.getAttemptNumber());
        channel = FeedbackBroker.channel(key);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        channel.put(element.getValue());
    }
}
