package io.popflow.slow;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * PBT's exploit step (Jaderberg et al. 2017; Ray Tune's {@code PopulationBasedTraining}): every
 * agent of the bottom quantile copies a donor drawn uniformly from the top quantile.
 *
 * <p>Each quantile holds {@code ceil(n * q)} agents, at most {@code floor(n / 2)}, as in Ray. A
 * diverged agent (non-finite fitness) is always replaced, even beyond the bottom quantile, and is
 * never a donor.
 */
public final class TruncationSelection implements SelectionRule {
    private static final long serialVersionUID = 1L;

    private final double quantileFraction;

    public TruncationSelection(double quantileFraction) {
        if (!(quantileFraction > 0 && quantileFraction <= 0.5)) {
            throw new IllegalArgumentException("quantile_fraction must be in (0, 0.5], got " + quantileFraction);
        }
        this.quantileFraction = quantileFraction;
    }

    /** Agents per quantile in a population of {@code n}. */
    public static int quantileSize(int n, double quantileFraction) {
        return Math.min((int) Math.ceil(n * quantileFraction - 1e-12), n / 2);
    }

    /** A recipient and the donor it copies, as rows of the table. */
    public record Pair(int recipientRow, int donorRow) {}

    /**
     * The exploit pairs, in ascending recipient id; empty if no agent is healthy (nothing to copy).
     */
    public List<Pair> select(FitnessTable table, RandomGenerator rng) {
        int n = table.size();
        int k = quantileSize(n, quantileFraction);
        Integer[] ranked = table.rankWorstFirst();
        List<Integer> top = topQuantile(table, ranked, k);
        if (top.isEmpty()) {
            return List.of();
        }
        boolean[] isTop = new boolean[n];
        top.forEach(r -> isTop[r] = true);
        boolean[] isBottom = new boolean[n];
        for (int i = 0; i < n; i++) {
            int row = ranked[i];
            if (!isTop[row] && (i < k || !table.isHealthy(row))) {
                isBottom[row] = true;
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            if (isBottom[row]) {
                pairs.add(new Pair(row, top.get(rng.nextInt(top.size()))));
            }
        }
        return pairs;
    }

    @Override
    public int[] parents(FitnessTable table, RandomGenerator rng) {
        int[] parents = new NoSelection().parents(table, rng);
        for (Pair p : select(table, rng)) {
            parents[p.recipientRow()] = p.donorRow();
        }
        return parents;
    }

    /**
     * Asynchronous mode (Ray's default): the reporting agent, if it ranks in the bottom quantile of
     * the latest table (or diverged), copies a donor drawn from the top quantile.
     */
    @Override
    public int parentOf(FitnessTable table, int row, RandomGenerator rng) {
        List<Pair> pair = selectFor(table, row, rng);
        return pair.isEmpty() ? row : pair.get(0).donorRow();
    }

    private List<Pair> selectFor(FitnessTable table, int row, RandomGenerator rng) {
        int n = table.size();
        int k = quantileSize(n, quantileFraction);
        Integer[] ranked = table.rankWorstFirst();
        List<Integer> top = topQuantile(table, ranked, k);
        int rank = java.util.Arrays.asList(ranked).indexOf(row);
        boolean bottom = !top.contains(row) && (rank < k || !table.isHealthy(row));
        if (!bottom || top.isEmpty()) {
            return List.of();
        }
        return List.of(new Pair(row, top.get(rng.nextInt(top.size()))));
    }

    private static List<Integer> topQuantile(FitnessTable table, Integer[] ranked, int k) {
        List<Integer> top = new ArrayList<>();
        for (int i = ranked.length - 1; i >= ranked.length - k && i >= 0; i--) {
            if (table.isHealthy(ranked[i])) {
                top.add(ranked[i]);
            }
        }
        top.sort(Integer::compare);
        return top;
    }

    @Override
    public String toString() {
        return "TruncationSelection{quantile_fraction=" + quantileFraction + '}';
    }
}
