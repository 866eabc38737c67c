package io.popflow.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written state serializer with a numbered byte format. It always writes the current format;
 * it reads the format it was restored for, so a savepoint written by an older popflow is read by
 * the reader of its own format and rewritten in the current one (Flink's state migration, decided by
 * {@link VersionedSerializerSnapshot}).
 *
 * <p>How to change a format: add the new fields to {@link #write}, raise {@link #currentFormat}, and
 * keep a branch of {@link #read} for every older format; the golden savepoint test then shows that
 * old savepoints still restore.
 */
public abstract class VersionedSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The format this instance reads. */
    private final int readFormat;

    private final int currentFormat;

    /**
     * @param readFormat the format this instance reads
     * @param currentFormat the format it writes: the newest this code knows
     */
    protected VersionedSerializer(int readFormat, int currentFormat) {
        if (readFormat < 1 || readFormat > currentFormat) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " cannot read format " + readFormat
                    + " (knows 1 to " + currentFormat + ")");
        }
        this.readFormat = readFormat;
        this.currentFormat = currentFormat;
    }

    /** The format written. */
    public final int currentFormat() {
        return currentFormat;
    }

    /** The format this instance reads. */
    public final int readFormat() {
        return readFormat;
    }

    protected abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads a value written in {@code format}. */
    protected abstract T read(int format, DataInputView in) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        write(value, out);
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        return read(readFormat, in);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this; // no mutable fields
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((VersionedSerializer<?>) o).readFormat == readFormat;
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + readFormat;
    }
}
