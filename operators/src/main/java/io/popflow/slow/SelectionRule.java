package io.popflow.slow;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * The selection half of the slow dynamics: which agents' weights (and hyperparameters) the next
 * generation is made of. A pure function of a fitness table and a random stream.
 *
 * <p>A diverged agent (non-finite fitness) never passes on its weights, and is always replaced
 * when any healthy agent is left.
 */
public interface SelectionRule extends Serializable {

    /** For every row of {@code table}, the row whose weights it takes next generation (itself to keep its own). */
    int[] parents(FitnessTable table, RandomGenerator rng);

    /**
     * Asynchronous mode: the parent of one row, decided at once against the latest table; the other
     * rows are not touched.
     */
    int parentOf(FitnessTable table, int row, RandomGenerator rng);

    /**
     * Whether every agent of the next generation is an offspring (resampling replaces the whole
     * population), as opposed to only those that copy another.
     */
    default boolean replacesEveryone() {
        return false;
    }

    /** Rows whose fitness is finite. */
    static int[] healthyRows(FitnessTable table) {
        return java.util.stream.IntStream.range(0, table.size())
                .filter(table::isHealthy)
                .toArray();
    }
}
