package io.popflow.flink;

import java.io.IOException;
import java.util.function.IntFunction;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint records of a {@link VersionedSerializer}: the number of the byte format its
 * state was written in. On restore the current serializer compares it with its own: the same format
 * is read as is, an older one is read by its own reader and migrated, a newer one (a savepoint of a
 * later popflow) is refused.
 *
 * <p>Snapshot layouts 1 to 3 are those of Flink's {@code SimpleTypeSerializerSnapshot}, which
 * popflow's first serializers used and which carry no format number: they are read as format 1.
 */
public abstract class VersionedSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int LAYOUT = 4;

    private final int currentFormat;
    private final IntFunction<VersionedSerializer<T>> readers;
    private int format = -1;

    /**
     * A snapshot of the current format; subclasses have a public no-argument constructor that calls
     * this one, as Flink creates snapshots that way before reading them.
     *
     * @param currentFormat the format that the code of this popflow writes
     * @param readers the serializer that reads a format
     */
    protected VersionedSerializerSnapshot(int currentFormat, IntFunction<VersionedSerializer<T>> readers) {
        this.currentFormat = currentFormat;
        this.readers = readers;
    }

    /** The format recorded. */
    public int format() {
        return format < 0 ? currentFormat : format;
    }

    @Override
    public int getCurrentVersion() {
        return LAYOUT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format());
    }

    @Override
    public void readSnapshot(int layout, DataInputView in, ClassLoader classLoader) throws IOException {
        if (layout >= 4) {
            format = in.readInt();
        } else {
            if (layout < 3) {
                in.readUTF(); // SimpleTypeSerializerSnapshot's layout 2 named the serializer class
            }
            format = 1;
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return readers.apply(format());
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (old == null || old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int oldFormat = ((VersionedSerializerSnapshot<T>) old).format();
        if (oldFormat == format()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return oldFormat < format()
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
