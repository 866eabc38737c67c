package io.popflow.flink;

import io.popflow.es.DistributionReplica;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

/**
 * An evolution strategy's search distribution as union operator state: every trainer subtask
 * keeps a replica, and every subtask restores the newest of all copies.
 */
final class DistributionReplicaState {
    /** The state's name in savepoints: never change it. */
    static final String NAME = "es-distribution";

    private final ListState<byte[]> state;
    private byte[] newest;

    DistributionReplicaState(OperatorStateStore store) throws Exception {
        state = store.getUnionListState(
                new ListStateDescriptor<>(NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        // every subtask wrote its copy; one may be a generation ahead of another: the update in
        // between was applied by one and will be resent to all, and the later copy already holds it
        for (byte[] bytes : state.get()) {
            if (newest == null || DistributionReplica.generationOf(bytes) > DistributionReplica.generationOf(newest)) {
                newest = bytes;
            }
        }
    }

    /** Restores {@code distribution} from the newest copy, if there was one, once. */
    void restoreInto(DistributionReplica distribution) {
        if (newest != null) {
            distribution.restore(newest);
        }
        newest = null;
    }

    void snapshot(DistributionReplica distribution) throws Exception {
        state.update(distribution == null ? List.of() : List.of(distribution.encode()));
    }
}
