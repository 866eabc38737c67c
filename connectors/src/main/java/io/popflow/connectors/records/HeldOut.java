package io.popflow.connectors.records;

import io.popflow.math.SplitMix64;

/**
 * Which streamed examples are held out for fitness: decided by a hash of the example's position in
 * its input (a topic's partition and offset, a file's name and line), so that every trainer subtask,
 * and a replay after a restore, makes the same choice without coordination.
 */
public final class HeldOut {
    private HeldOut() {}

    /** Whether the example at {@code (partition, offset)} is held out, with probability {@code fraction}. */
    public static boolean isValidation(int partition, long offset, double fraction) {
        return isValidation(SplitMix64.derive(partition, offset), fraction);
    }

    /** Whether the record at {@code position} (a {@link RawRecord#position()}) is held out. */
    public static boolean isValidation(long position, double fraction) {
        double u = (position >>> 11) * 0x1.0p-53;
        return u < fraction;
    }
}
