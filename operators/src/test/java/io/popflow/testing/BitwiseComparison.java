package io.popflow.testing;

import java.util.Comparator;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

/**
 * AssertJ's recursive comparison with floating-point fields compared bit for bit: its default
 * compares doubles to within 1e-15 and fails on NaN, where a deterministic run must match exactly
 * (a NaN fitness included).
 */
public final class BitwiseComparison {
    private BitwiseComparison() {}

    public static RecursiveComparisonConfiguration fieldByField() {
        return RecursiveComparisonConfiguration.builder()
                .withComparatorForType(Comparator.comparingLong(Double::doubleToLongBits), Double.class)
                .withComparatorForType(Comparator.comparingInt(Float::floatToIntBits), Float.class)
                .build();
    }

    /** As {@link #fieldByField()}, ignoring {@code fields}. */
    public static RecursiveComparisonConfiguration fieldByFieldIgnoring(String... fields) {
        RecursiveComparisonConfiguration c = fieldByField();
        c.ignoreFields(fields);
        return c;
    }
}
