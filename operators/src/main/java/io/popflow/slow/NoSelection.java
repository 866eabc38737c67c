package io.popflow.slow;

import java.util.random.RandomGenerator;

/** Everyone keeps their own weights: mutation alone, or the pure fast dynamics. */
public final class NoSelection implements SelectionRule {
    private static final long serialVersionUID = 1L;

    @Override
    public int[] parents(FitnessTable table, RandomGenerator rng) {
        return java.util.stream.IntStream.range(0, table.size()).toArray();
    }

    @Override
    public int parentOf(FitnessTable table, int row, RandomGenerator rng) {
        return row;
    }

    @Override
    public String toString() {
        return "none";
    }
}
