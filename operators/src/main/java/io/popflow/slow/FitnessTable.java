package io.popflow.slow;

import java.util.Arrays;

/**
 * One generation of the population as the slow dynamics sees it: every agent's fitness estimate
 * and hyperparameters, ordered by agent id. A non-finite fitness marks a diverged agent.
 *
 * @param generation the generation these reports close
 * @param agents agent ids, ascending
 * @param fitness fitness estimate per agent (higher is better)
 * @param hyperparameters h per agent
 */
public record FitnessTable(int generation, int[] agents, double[] fitness, double[][] hyperparameters) {

    public FitnessTable {
        if (agents.length != fitness.length || agents.length != hyperparameters.length) {
            throw new IllegalArgumentException("agents, fitness and hyperparameters differ in length");
        }
        for (int i = 1; i < agents.length; i++) {
            if (agents[i] <= agents[i - 1]) {
                throw new IllegalArgumentException("agent ids must be unique and ascending");
            }
        }
    }

    public int size() {
        return agents.length;
    }

    public boolean isHealthy(int index) {
        return Double.isFinite(fitness[index]);
    }

    /** Row indices from worst to best: non-finite fitness first, ties ranked by lower id as better. */
    public Integer[] rankWorstFirst() {
        Integer[] order = new Integer[agents.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            double fa = isHealthy(a) ? fitness[a] : Double.NEGATIVE_INFINITY;
            double fb = isHealthy(b) ? fitness[b] : Double.NEGATIVE_INFINITY;
            int c = Double.compare(fa, fb);
            return c != 0 ? c : Integer.compare(agents[b], agents[a]);
        });
        return order;
    }

    /** Row of the best agent (see {@link #rankWorstFirst()}). */
    public int best() {
        Integer[] order = rankWorstFirst();
        return order[order.length - 1];
    }

    /**
     * Fitness by agent id for agents 0 .. population − 1 (an evolution strategy's member order),
     * NaN where an agent diverged.
     */
    public double[] fitnessByAgent(int population) {
        if (agents.length != population) {
            throw new IllegalArgumentException(
                    "generation " + generation + " has " + agents.length + " agents, not " + population);
        }
        double[] byAgent = new double[population];
        for (int row = 0; row < agents.length; row++) {
            byAgent[agents[row]] = isHealthy(row) ? fitness[row] : Double.NaN;
        }
        return byAgent;
    }

    public int indexOf(int agent) {
        return Arrays.binarySearch(agents, agent);
    }
}
