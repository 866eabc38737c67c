package io.popflow.slow;

import java.util.random.RandomGenerator;

/**
 * Binary tournament (Jaderberg et al. 2017): each agent compares itself with another drawn
 * uniformly and copies it if the other's fitness is higher. A diverged agent copies a healthy one
 * drawn uniformly.
 */
public final class TournamentSelection implements SelectionRule {
    private static final long serialVersionUID = 1L;

    @Override
    public int[] parents(FitnessTable table, RandomGenerator rng) {
        int[] parents = new int[table.size()];
        for (int row = 0; row < parents.length; row++) {
            parents[row] = parentOf(table, row, rng);
        }
        return parents;
    }

    @Override
    public int parentOf(FitnessTable table, int row, RandomGenerator rng) {
        int n = table.size();
        if (!table.isHealthy(row)) {
            int[] healthy = SelectionRule.healthyRows(table);
            return healthy.length == 0 ? row : healthy[rng.nextInt(healthy.length)];
        }
        if (n < 2) {
            return row;
        }
        int other = rng.nextInt(n - 1);
        if (other >= row) {
            other++;
        }
        return table.isHealthy(other) && table.fitness()[other] > table.fitness()[row] ? other : row;
    }

    @Override
    public String toString() {
        return "tournament";
    }
}
