package io.popflow.agent;

import io.popflow.slow.FitnessTable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Every live agent's report for one generation, ordered by agent id: what the fitness window
 * hands to the selection-mutation step.
 *
 * @param generation the generation
 * @param reports one per agent, ascending agent id
 */
public record GenerationReports(int generation, AgentReport[] reports) {

    /** Orders {@code reports} by agent id. */
    public static GenerationReports of(int generation, Iterable<AgentReport> reports) {
        AgentReport[] sorted = java.util.stream.StreamSupport.stream(reports.spliterator(), false)
                .sorted(Comparator.comparingInt(AgentReport::agent))
                .toArray(AgentReport[]::new);
        return new GenerationReports(generation, sorted);
    }

    public FitnessTable table() {
        int n = reports.length;
        int[] agents = new int[n];
        double[] fitness = new double[n];
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            agents[i] = reports[i].agent();
            fitness[i] = reports[i].diverged() ? Double.NaN : reports[i].fitness();
            h[i] = reports[i].hyperparameters();
        }
        return new FitnessTable(generation, agents, fitness, h);
    }

    /** Every agent's end-of-window weights, by row (null entries unless the run merges weights). */
    public float[][] params() {
        return Arrays.stream(reports).map(AgentReport::params).toArray(float[][]::new);
    }

    /** The reported weights of agents 0 .. n − 1 at index agent id (an evolution strategy's members). */
    public float[][] paramsByAgent() {
        float[][] byAgent = new float[reports.length][];
        for (AgentReport r : reports) {
            byAgent[r.agent()] = r.params();
        }
        return byAgent;
    }

    /**
     * Mean over the healthy agents that finished an episode in the generation of their mean episode
     * return; NaN for gradient tasks.
     */
    public double episodeReturnMean() {
        return meanEpisodeReturn(Arrays.asList(reports));
    }

    /** As {@link #episodeReturnMean()}, over any reports. */
    public static double meanEpisodeReturn(Iterable<AgentReport> reports) {
        double sum = 0;
        int n = 0;
        for (AgentReport r : reports) {
            if (!r.diverged() && Double.isFinite(r.episodeReturn())) {
                sum += r.episodeReturn();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Fast steps taken by the population so far. */
    public long agentSteps() {
        return Arrays.stream(reports).mapToLong(AgentReport::steps).sum();
    }
}
