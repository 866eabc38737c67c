package io.popflow.flink;

import io.popflow.data.StreamedExamples;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

/**
 * A stream task's replay buffers as the trainer subtask's operator state: one entry per subtask,
 * redistributed by Flink on a rescale, so that after one a subtask may restore several subtasks'
 * buffers and keeps all it can.
 */
final class ReplayBufferState {
    /** The state's name in savepoints: never change it. */
    static final String NAME = "replay-buffers";

    private final ListState<byte[]> state;
    private List<byte[]> restored = new ArrayList<>();

    ReplayBufferState(OperatorStateStore store) throws Exception {
        state = store.getListState(
                new ListStateDescriptor<>(NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        for (byte[] bytes : state.get()) {
            restored.add(bytes);
        }
    }

    /** Fills {@code examples} (null: the task learns from no stream) with what was restored, once. */
    void restoreInto(StreamedExamples examples) throws IOException {
        if (examples != null) {
            for (byte[] bytes : restored) {
                ReplayBufferCodec.decodeInto(bytes, examples);
            }
        }
        restored = null;
    }

    void snapshot(StreamedExamples examples) throws Exception {
        state.update(examples == null ? List.of() : List.of(ReplayBufferCodec.encode(examples)));
    }
}
