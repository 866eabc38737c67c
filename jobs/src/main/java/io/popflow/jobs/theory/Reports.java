package io.popflow.jobs.theory;

import io.popflow.agent.AgentReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** A run's reports, by generation. */
public final class Reports {
    private final TreeMap<Integer, List<AgentReport>> byGeneration = new TreeMap<>();

    public Reports(List<AgentReport> reports) {
        for (AgentReport r : reports) {
            byGeneration.computeIfAbsent(r.generation(), g -> new ArrayList<>()).add(r);
        }
        byGeneration.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(AgentReport::agent)));
    }

    public List<AgentReport> generation(int g) {
        return byGeneration.getOrDefault(g, List.of());
    }

    public int generations() {
        return byGeneration.size();
    }

    Map<Integer, List<AgentReport>> all() {
        return byGeneration;
    }

    /** The first hyperparameter of every agent in generation g. */
    public double[] h0(int g) {
        return values(g, r -> r.hyperparameters()[0]);
    }

    public double[] values(int g, ToDoubleFunction<AgentReport> f) {
        return generation(g).stream().mapToDouble(f).toArray();
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population variance (divides by n). */
    public static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }

    /** Sample standard deviation (divides by n − 1). */
    public static double sd(double[] v) {
        return Math.sqrt(variance(v) * v.length / (v.length - 1));
    }
}
