package io.popflow.slow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PB2 has seen of the population, and all it remembers between generations: for each agent and
 * generation, the change of its fitness over the generation from where it started (its own
 * fitness, or its donor's after a copy), with the h it trained with; and where each agent starts
 * the next generation. Immutable; the slow operator keeps the latest in its state.
 *
 * @param window how many of the latest observations the bandit keeps
 * @param observations the latest observations, oldest first
 * @param startFitness for each agent, the fitness of the weights it trains from in the next
 *     generation (absent after a reset: fresh weights have no fitness yet)
 */
public record Pb2Data(int window, List<Observation> observations, Map<Integer, Double> startFitness) {

    /**
     * One agent's generation.
     *
     * @param generation the generation trained
     * @param startFitness the fitness of the weights it started from
     * @param coordinates its h, each in its domain's coordinate mapped onto [0, 1]
     * @param change fitness at the end minus {@code startFitness}
     */
    public record Observation(int generation, double startFitness, double[] coordinates, double change) {}

    public Pb2Data {
        if (window < 2) {
            throw new IllegalArgumentException("a window of at least 2 observations, got " + window);
        }
        observations = List.copyOf(observations);
        startFitness = Collections.unmodifiableMap(new TreeMap<>(startFitness));
    }

    public static Pb2Data empty(int window) {
        return new Pb2Data(window, List.of(), Map.of());
    }

    /** With the generation of {@code table} observed: an observation per agent whose start and end are finite. */
    public Pb2Data observe(FitnessTable table, HyperparameterSpace space) {
        List<Observation> all = new ArrayList<>(observations);
        for (int row = 0; row < table.size(); row++) {
            Double start = startFitness.get(table.agents()[row]);
            double end = table.fitness()[row];
            if (start != null && Double.isFinite(start) && Double.isFinite(end)) {
                all.add(new Observation(
                        table.generation(), start, unit(table.hyperparameters()[row], space), end - start));
            }
        }
        return new Pb2Data(window, all.subList(Math.max(0, all.size() - window), all.size()), startFitness);
    }

    /** Where each agent of {@code table} starts the next generation, after {@code changes}. */
    public Pb2Data startingFrom(FitnessTable table, List<Exploitation> changes) {
        Map<Integer, Double> next = new TreeMap<>();
        for (int row = 0; row < table.size(); row++) {
            next.put(table.agents()[row], table.fitness()[row]);
        }
        for (Exploitation e : changes) {
            if (e.isReset()) {
                next.remove(e.recipient());
            } else {
                next.put(e.recipient(), table.fitness()[table.indexOf(e.donor())]);
            }
        }
        return new Pb2Data(window, observations, next);
    }

    /** h in the unit cube: each entry's coordinate, mapped linearly from its domain's ends onto [0, 1]. */
    static double[] unit(double[] h, HyperparameterSpace space) {
        double[] u = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            Domain d = space.domain(i);
            double lo = d.lowerCoordinate();
            double hi = d.upperCoordinate();
            u[i] = hi > lo ? (d.coordinate(h[i]) - lo) / (hi - lo) : 0;
        }
        return u;
    }

    /** The h at {@code u} of the unit cube (rounded to the domain's values where it has only some). */
    static double[] fromUnit(double[] u, HyperparameterSpace space) {
        double[] h = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            Domain d = space.domain(i);
            h[i] = d.fromCoordinate(
                    d.lowerCoordinate() + Math.max(0, Math.min(1, u[i])) * (d.upperCoordinate() - d.lowerCoordinate()));
        }
        return h;
    }
}
