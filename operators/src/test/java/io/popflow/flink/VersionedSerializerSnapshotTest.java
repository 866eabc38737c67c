package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.agent.AgentState;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** How a restore decides between reading state as is, migrating it, and refusing it. */
class VersionedSerializerSnapshotTest {

    private static AgentStateSerializer.Snapshot snapshotOfFormat(int format) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(format);
        AgentStateSerializer.Snapshot s = new AgentStateSerializer.Snapshot();
        s.readSnapshot(4, new DataInputDeserializer(out.getCopyOfBuffer()), getLoader());
        return s;
    }

    private static ClassLoader getLoader() {
        return VersionedSerializerSnapshotTest.class.getClassLoader();
    }

    private static TypeSerializerSchemaCompatibility<AgentState> restoring(AgentStateSerializer.Snapshot old) {
        return AgentStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old);
    }

    @Test
    void theCurrentFormatIsReadAsIs() throws Exception {
        AgentStateSerializer.Snapshot old = snapshotOfFormat(AgentStateSerializer.FORMAT);
        assertThat(restoring(old).isCompatibleAsIs()).isTrue();
        assertThat(old.restoreSerializer()).isSameAs(AgentStateSerializer.INSTANCE);
    }

    /** popflow's first savepoints recorded Flink's SimpleTypeSerializerSnapshot (layout 3, no payload). */
    @Test
    void theFirstSnapshotLayoutReadsAsFormat1() throws Exception {
        AgentStateSerializer.Snapshot s = new AgentStateSerializer.Snapshot();
        s.readSnapshot(3, new DataInputDeserializer(new byte[0]), getLoader());
        assertThat(s.format()).isEqualTo(1);
        // format 2 added a DQN agent's memory: a format-1 savepoint is read by the format-1 reader, then rewritten
        assertThat(restoring(s).isCompatibleAfterMigration()).isTrue();
        assertThat(((AgentStateSerializer) s.restoreSerializer()).readFormat()).isEqualTo(1);
    }

    /** A savepoint of a later popflow, whose format this one cannot read, is refused rather than misread. */
    @Test
    void aNewerFormatIsRefused() throws Exception {
        assertThat(restoring(snapshotOfFormat(AgentStateSerializer.FORMAT + 1)).isIncompatible())
                .isTrue();
    }

    @Test
    void theSnapshotRecordsItsFormat() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(8);
        AgentStateSerializer.INSTANCE.snapshotConfiguration().writeSnapshot(out);
        assertThat(new DataInputDeserializer(out.getCopyOfBuffer()).readInt()).isEqualTo(AgentStateSerializer.FORMAT);
        assertThat(AgentStateSerializer.INSTANCE.snapshotConfiguration().getCurrentVersion())
                .isEqualTo(4);
    }
}
