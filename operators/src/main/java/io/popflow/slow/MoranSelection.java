package io.popflow.slow;

import java.util.random.RandomGenerator;

/**
 * Moran process: per event one agent, drawn uniformly, dies and another, drawn with probability
 * ∝ exp(α F̂), reproduces into its slot (closed-forms §6: one birth and one death per event). A
 * generation runs {@code events} events in sequence, so a newborn may reproduce again; the rate of
 * events per agent sets the slow time scale. A diverged agent left after the events is replaced by
 * one more birth.
 */
public final class MoranSelection implements SelectionRule {
    private static final long serialVersionUID = 1L;

    private final double strength;
    private final int events;

    public MoranSelection(double strength, int events) {
        if (!(strength >= 0) || !Double.isFinite(strength) || events < 1) {
            throw new IllegalArgumentException("Moran selection needs strength >= 0 and events >= 1");
        }
        this.strength = strength;
        this.events = events;
    }

    @Override
    public int[] parents(FitnessTable table, RandomGenerator rng) {
        int n = table.size();
        int[] origin = new int[n];
        double[] fitness = table.fitness().clone();
        for (int i = 0; i < n; i++) {
            origin[i] = i;
        }
        if (SelectionRule.healthyRows(table).length == 0) {
            return origin;
        }
        for (int e = 0; e < events; e++) {
            int dying = rng.nextInt(n);
            int parent = BoltzmannWeights.draw(BoltzmannWeights.probabilities(view(table, fitness), strength), rng);
            origin[dying] = origin[parent];
            fitness[dying] = fitness[parent];
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(fitness[i])) {
                int parent = BoltzmannWeights.draw(BoltzmannWeights.probabilities(view(table, fitness), strength), rng);
                origin[i] = origin[parent];
                fitness[i] = fitness[parent];
            }
        }
        return origin;
    }

    private static FitnessTable view(FitnessTable table, double[] fitness) {
        return new FitnessTable(table.generation(), table.agents(), fitness, table.hyperparameters());
    }

    /** Asynchronous mode: the reporting agent is the one that dies; its replacement is drawn by fitness. */
    @Override
    public int parentOf(FitnessTable table, int row, RandomGenerator rng) {
        int parent = BoltzmannWeights.draw(BoltzmannWeights.probabilities(table, strength), rng);
        return parent < 0 ? row : parent;
    }

    @Override
    public String toString() {
        return "moran(strength=" + strength + ", events=" + events + ")";
    }
}
