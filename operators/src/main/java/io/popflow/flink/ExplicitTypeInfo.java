package io.popflow.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A stream type serialized by one of popflow's versioned serializers instead of the serializer
 * Flink would derive from the class: for records that are also held in state, such as the agent
 * reports that a count window keeps until its generation is complete.
 */
public final class ExplicitTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    public ExplicitTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    /** Agent commands (six kinds of one sealed type), by {@link AgentCommandSerializer}. */
    public static ExplicitTypeInfo<io.popflow.agent.AgentCommand> commands() {
        return new ExplicitTypeInfo<>(io.popflow.agent.AgentCommand.class, AgentCommandSerializer.INSTANCE);
    }

    /** Agent reports, by {@link AgentReportSerializer}. */
    public static ExplicitTypeInfo<io.popflow.agent.AgentReport> reports() {
        return new ExplicitTypeInfo<>(io.popflow.agent.AgentReport.class, AgentReportSerializer.INSTANCE);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (" + serializer.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExplicitTypeInfo<?> other && other.type == type && other.serializer.equals(serializer);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + serializer.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ExplicitTypeInfo;
    }
}
