package io.popflow.slow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * Boltzmann (Wright-Fisher) resampling: the next population is N draws, with replacement, of
 * parents with probabilities pᵢ ∝ exp(α F̂ᵢ) (α: the selection strength). Parent counts are
 * multinomial, E[nᵢ] = N pᵢ and Var[nᵢ] = N pᵢ (1 − pᵢ) (closed-forms §6). This is the discrete form
 * of the replicator's selection term: one generation multiplies the density by exp(α F) and
 * renormalises, i.e. advances ∂ₜρ = (F − F̄)ρ by time α.
 *
 * <p>Which slot hosts which draw does not change the population; to copy as few weights as
 * possible, a parent drawn at least once keeps its own slot and its further copies fill, in row
 * order, the slots of agents drawn zero times.
 */
public final class BoltzmannSelection implements SelectionRule {
    private static final long serialVersionUID = 1L;

    private final double strength;

    public BoltzmannSelection(double strength) {
        if (!(strength >= 0) || !Double.isFinite(strength)) {
            throw new IllegalArgumentException("selection strength must be finite and >= 0, got " + strength);
        }
        this.strength = strength;
    }

    public double strength() {
        return strength;
    }

    /** Parent counts of one Wright-Fisher generation: N categorical draws by fitness. */
    public int[] counts(FitnessTable table, RandomGenerator rng) {
        double[] p = BoltzmannWeights.probabilities(table, strength);
        int[] counts = new int[table.size()];
        if (SelectionRule.healthyRows(table).length == 0) {
            return counts;
        }
        for (int draw = 0; draw < table.size(); draw++) {
            counts[BoltzmannWeights.draw(p, rng)]++;
        }
        return counts;
    }

    @Override
    public int[] parents(FitnessTable table, RandomGenerator rng) {
        int n = table.size();
        int[] counts = counts(table, rng);
        int[] parents = new int[n];
        if (SelectionRule.healthyRows(table).length == 0) {
            return new NoSelection().parents(table, rng);
        }
        Deque<Integer> extraCopies = new ArrayDeque<>();
        for (int row = 0; row < n; row++) {
            for (int c = 1; c < counts[row]; c++) {
                extraCopies.add(row);
            }
        }
        for (int row = 0; row < n; row++) {
            parents[row] = counts[row] > 0 ? row : extraCopies.poll();
        }
        return parents;
    }

    /** One slot resampled: its parent is drawn by fitness (possibly itself). */
    @Override
    public int parentOf(FitnessTable table, int row, RandomGenerator rng) {
        double[] p = BoltzmannWeights.probabilities(table, strength);
        int parent = BoltzmannWeights.draw(p, rng);
        return parent < 0 ? row : parent;
    }

    @Override
    public boolean replacesEveryone() {
        return true;
    }

    @Override
    public String toString() {
        return "boltzmann(strength=" + strength + ")";
    }
}
