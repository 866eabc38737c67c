package io.popflow.slow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The slow time scale's synchronous PBT step: truncation selection, then exploration of each
 * recipient's inherited hyperparameters. A pure function of the generation's fitness table and the
 * generation's random stream.
 */
public final class PbtStep implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HyperparameterSpace space;
    private final TruncationSelection selection;
    private final PbtExplorer explorer;

    public PbtStep(HyperparameterSpace space, TruncationSelection selection, PbtExplorer explorer) {
        this.space = space;
        this.selection = selection;
        this.explorer = explorer;
    }

    /**
     * Decisions in ascending recipient id. If no agent is healthy, every agent is reset with
     * hyperparameters drawn afresh from the space.
     */
    public List<Exploitation> decide(FitnessTable table, RandomGenerator rng) {
        List<Exploitation> decisions = new ArrayList<>();
        List<TruncationSelection.Pair> pairs = selection.select(table, rng);
        if (pairs.isEmpty() && table.size() > 0 && !anyHealthy(table)) {
            for (int row = 0; row < table.size(); row++) {
                decisions.add(new Exploitation(table.agents()[row], Exploitation.RESET,
                        table.hyperparameters()[row], space.sample(rng),
                        new String[] {"reset: no healthy agent to copy"}));
            }
            return decisions;
        }
        for (TruncationSelection.Pair p : pairs) {
            PbtExplorer.Explored explored = explorer.explore(table.hyperparameters()[p.donorRow()], rng);
            decisions.add(new Exploitation(
                    table.agents()[p.recipientRow()],
                    table.agents()[p.donorRow()],
                    table.hyperparameters()[p.recipientRow()],
                    explored.hyperparameters(),
                    explored.operations()));
        }
        return decisions;
    }

    private static boolean anyHealthy(FitnessTable table) {
        for (int i = 0; i < table.size(); i++) {
            if (table.isHealthy(i)) {
                return true;
            }
        }
        return false;
    }

    public HyperparameterSpace space() {
        return space;
    }
}
