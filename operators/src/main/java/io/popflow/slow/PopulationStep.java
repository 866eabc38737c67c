package io.popflow.slow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The slow time scale's step: estimate fitness across the population (if so configured), select
 * parents, mutate the offspring's inherited hyperparameters, and optionally pull everyone's weights
 * toward the elite's average. A pure function of a generation's table and the generation's random
 * stream; random numbers are drawn in a fixed order (selection, then mutations in row order).
 */
public final class PopulationStep implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HyperparameterSpace space;
    private final SelectionRule selection;
    private final MutationKernel mutation;
    private final boolean mutateEveryone;
    private final FitnessEstimate estimate;
    private final ModelMerge merge;

    public PopulationStep(HyperparameterSpace space, SelectionRule selection, MutationKernel mutation, boolean mutateEveryone,
            FitnessEstimate estimate, ModelMerge merge) {
        this.space = space;
        this.selection = selection;
        this.mutation = mutation;
        this.mutateEveryone = mutateEveryone;
        this.estimate = estimate;
        this.merge = merge;
    }

    /**
     * A generation's decisions.
     *
     * @param changes every agent whose weights or hyperparameters change, ascending recipient id
     * @param mergeTarget the weights everyone is pulled toward, or null
     * @param mergeStrength γ of that pull
     */
    public record Decision(List<Exploitation> changes, float[] mergeTarget, double mergeStrength) {}

    /** The fitness selection sees: the agents' estimates, or their population-level regression. */
    public FitnessTable selectionTable(FitnessTable table) {
        return estimate.estimator() == FitnessEstimator.POPULATION
                ? KernelFitnessRegression.smooth(table, space, estimate.bandwidth())
                : table;
    }

    /**
     * Decides a whole generation (synchronous mode).
     *
     * @param params every agent's end-of-generation weights, by row; needed only when merging
     */
    public Decision decide(FitnessTable table, float[][] params, RandomGenerator rng) {
        FitnessTable t = selectionTable(table);
        if (SelectionRule.healthyRows(t).length == 0) {
            return new Decision(resetAll(t, rng), null, 0);
        }
        int[] parents = selection.parents(t, rng);
        List<Exploitation> changes = new ArrayList<>();
        for (int row = 0; row < t.size(); row++) {
            Exploitation e = offspring(t, row, parents[row], rng);
            if (e != null) {
                changes.add(e);
            }
        }
        float[] target = merge.isOn() && params != null ? merge.target(t, params) : null;
        return new Decision(changes, target, target == null ? 0 : merge.strength());
    }

    /**
     * Decides for one agent against the latest table (asynchronous mode): null if it keeps its
     * weights and hyperparameters.
     */
    public Exploitation decideOne(FitnessTable table, int row, RandomGenerator rng) {
        FitnessTable t = selectionTable(table);
        if (SelectionRule.healthyRows(t).length == 0) {
            return reset(t, row, rng);
        }
        return offspring(t, row, selection.parentOf(t, row, rng), rng);
    }

    private Exploitation offspring(FitnessTable t, int row, int parent, RandomGenerator rng) {
        boolean isOffspring = parent != row || selection.replacesEveryone() || mutateEveryone;
        if (!isOffspring) {
            return null;
        }
        Mutated m = mutation.mutate(t.hyperparameters()[parent], rng);
        if (parent == row && Arrays.equals(m.hyperparameters(), t.hyperparameters()[row])) {
            return null;
        }
        return new Exploitation(t.agents()[row], t.agents()[parent], t.hyperparameters()[row], m.hyperparameters(),
                m.operations());
    }

    private List<Exploitation> resetAll(FitnessTable t, RandomGenerator rng) {
        List<Exploitation> resets = new ArrayList<>();
        for (int row = 0; row < t.size(); row++) {
            resets.add(reset(t, row, rng));
        }
        return resets;
    }

    private Exploitation reset(FitnessTable t, int row, RandomGenerator rng) {
        return new Exploitation(t.agents()[row], Exploitation.RESET, t.hyperparameters()[row], space.sample(rng),
                new String[] {"reset: no healthy agent to copy"});
    }

    public HyperparameterSpace space() {
        return space;
    }

    public SelectionRule selection() {
        return selection;
    }
}
