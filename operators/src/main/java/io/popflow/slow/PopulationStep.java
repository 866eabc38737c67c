package io.popflow.slow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The slow time scale's step: estimate fitness across the population (if so configured), select
 * parents, mutate the offspring's inherited hyperparameters, and optionally pull everyone's weights
 * toward the elite's average. A pure function of a generation's table, the generation's random
 * stream and, for PB2, what the bandit has seen so far ({@link Pb2Data}, handed in and handed back);
 * random numbers are drawn in a fixed order (selection, then mutations in row order). Before the
 * burn-in is over nobody exploits or explores; only a diverged agent restarts from fresh weights.
 */
public final class PopulationStep implements Serializable {
    private static final long serialVersionUID = 2L;

    private final HyperparameterSpace space;
    private final SelectionRule selection;
    private final MutationKernel mutation;
    private final boolean mutateEveryone;
    private final FitnessEstimate estimate;
    private final ModelMerge merge;
    private final int firstExploitGeneration;

    public PopulationStep(
            HyperparameterSpace space,
            SelectionRule selection,
            MutationKernel mutation,
            boolean mutateEveryone,
            FitnessEstimate estimate,
            ModelMerge merge) {
        this(space, selection, mutation, mutateEveryone, estimate, merge, 0);
    }

    /**
     * @param firstExploitGeneration the first generation at whose end agents may exploit and explore
     *     (the burn-in's end)
     */
    public PopulationStep(
            HyperparameterSpace space,
            SelectionRule selection,
            MutationKernel mutation,
            boolean mutateEveryone,
            FitnessEstimate estimate,
            ModelMerge merge,
            int firstExploitGeneration) {
        this.space = space;
        this.selection = selection;
        this.mutation = mutation;
        this.mutateEveryone = mutateEveryone;
        this.estimate = estimate;
        this.merge = merge;
        this.firstExploitGeneration = firstExploitGeneration;
    }

    /**
     * A generation's decisions.
     *
     * @param changes every agent whose weights or hyperparameters change, ascending recipient id
     * @param mergeTarget the weights everyone is pulled toward, or null
     * @param mergeStrength γ of that pull
     * @param data what PB2 has seen after this generation (null for other kernels)
     */
    public record Decision(List<Exploitation> changes, float[] mergeTarget, double mergeStrength, Pb2Data data) {}

    /** What the step starts a run with: PB2's empty data, or null for a kernel that remembers nothing. */
    public Pb2Data initialData() {
        return mutation instanceof Pb2Explorer pb2 ? pb2.emptyData() : null;
    }

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
     * @param data what PB2 has seen before this generation ({@link #initialData()} at first); null for other kernels
     */
    public Decision decide(FitnessTable table, float[][] params, Pb2Data data, RandomGenerator rng) {
        FitnessTable t = selectionTable(table);
        Pb2Data seen = data == null ? null : data.observe(t, space);
        if (table.generation() < firstExploitGeneration) {
            // the burn-in: nobody exploits, but a diverged agent still starts afresh rather than stay lost
            List<Exploitation> resets = new ArrayList<>();
            for (int row = 0; row < t.size(); row++) {
                if (!t.isHealthy(row)) {
                    resets.add(reset(t, row, rng));
                }
            }
            return new Decision(resets, null, 0, seen == null ? null : seen.startingFrom(t, resets));
        }
        if (SelectionRule.healthyRows(t).length == 0) {
            List<Exploitation> resets = resetAll(t, rng);
            return new Decision(resets, null, 0, seen == null ? null : seen.startingFrom(t, resets));
        }
        int[] parents = selection.parents(t, rng);
        Pb2Explorer.Round round = seen != null && mutation instanceof Pb2Explorer pb2 ? pb2.round(seen, t) : null;
        List<Exploitation> changes = new ArrayList<>();
        for (int row = 0; row < t.size(); row++) {
            Exploitation e = offspring(t, row, parents[row], round, rng);
            if (e != null) {
                changes.add(e);
            }
        }
        float[] target = merge.isOn() && params != null ? merge.target(t, params) : null;
        return new Decision(
                changes,
                target,
                target == null ? 0 : merge.strength(),
                seen == null ? null : seen.startingFrom(t, changes));
    }

    /** As above, for a kernel that remembers nothing between generations. */
    public Decision decide(FitnessTable table, float[][] params, RandomGenerator rng) {
        return decide(table, params, null, rng);
    }

    /**
     * Decides for one agent against the latest table (asynchronous mode): null if it keeps its
     * weights and hyperparameters.
     */
    public Exploitation decideOne(FitnessTable table, int row, RandomGenerator rng) {
        FitnessTable t = selectionTable(table);
        if (t.generation() < firstExploitGeneration) {
            return t.isHealthy(row) ? null : reset(t, row, rng);
        }
        if (SelectionRule.healthyRows(t).length == 0) {
            return reset(t, row, rng);
        }
        return offspring(t, row, selection.parentOf(t, row, rng), null, rng);
    }

    /** The change for {@code row} with parent {@code parent}; PB2's {@code round} explores if given. */
    private Exploitation offspring(FitnessTable t, int row, int parent, Pb2Explorer.Round round, RandomGenerator rng) {
        boolean isOffspring = parent != row || selection.replacesEveryone() || mutateEveryone;
        if (!isOffspring) {
            return null;
        }
        Mutated m = round != null ? round.explore(parent, rng) : mutation.mutate(t.hyperparameters()[parent], rng);
        if (parent == row && Arrays.equals(m.hyperparameters(), t.hyperparameters()[row])) {
            return null;
        }
        return new Exploitation(
                t.agents()[row], t.agents()[parent], t.hyperparameters()[row], m.hyperparameters(), m.operations());
    }

    private List<Exploitation> resetAll(FitnessTable t, RandomGenerator rng) {
        List<Exploitation> resets = new ArrayList<>();
        for (int row = 0; row < t.size(); row++) {
            resets.add(reset(t, row, rng));
        }
        return resets;
    }

    private Exploitation reset(FitnessTable t, int row, RandomGenerator rng) {
        return new Exploitation(
                t.agents()[row], Exploitation.RESET, t.hyperparameters()[row], space.sample(rng), new String[] {
                    "reset: no healthy agent to copy"
                });
    }

    public HyperparameterSpace space() {
        return space;
    }

    public SelectionRule selection() {
        return selection;
    }
}
