package io.popflow.jobs.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.math.Censored;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item 6: does selecting on an estimate of the effective fitness beat selecting on the last value?
 * The race of {@link EstimatorRace}: per seed, the ratio of agent-steps to reach the target with an
 * estimator over agent-steps with {@code last}. A run that never reaches is censored: against a
 * {@code last} run that reached, its ratio is +∞; a run that reached against a censored {@code last}
 * has ratio 0; a seed where neither reached says nothing of the ratio and is counted apart (it is
 * not a ratio of 1). The median is over the seeds where either reached.
 */
final class EstimatorCheck {
    private static final FitnessEstimator[] CHALLENGERS = {
        FitnessEstimator.WINDOW, FitnessEstimator.EMA, FitnessEstimator.POPULATION, FitnessEstimator.CLOSED_FORM
    };

    private EstimatorCheck() {}

    static List<CheckResult> run(EmbeddedCluster runner, TheorySize size) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        results.addAll(compare(runner, size, EstimatorRace.Task.QUADRATIC));
        results.addAll(compare(runner, size, EstimatorRace.Task.PBT_TOY));
        return results;
    }

    private static List<CheckResult> compare(EmbeddedCluster runner, TheorySize size, EstimatorRace.Task task)
            throws Exception {
        int seeds = size.estimatorSeeds();
        long[] lastSteps = new long[seeds];
        Map<FitnessEstimator, long[]> steps = new LinkedHashMap<>();
        for (FitnessEstimator e : CHALLENGERS) {
            steps.put(e, new long[seeds]);
        }
        for (int s = 0; s < seeds; s++) {
            long seed = 100 + s;
            EstimatorRace.Outcome last = EstimatorRace.baseline(runner, task, seed);
            lastSteps[s] = last.steps();
            for (FitnessEstimator e : CHALLENGERS) {
                steps.get(e)[s] = EstimatorRace.run(runner, task, seed, FitnessEstimate.of(e), last.target())
                        .steps();
            }
        }
        String taskName = task.name().toLowerCase(Locale.ROOT).replace('_', '-');
        int lastReached = new Censored(lastSteps).reached();
        List<CheckResult> results = new ArrayList<>();
        for (FitnessEstimator e : CHALLENGERS) {
            long[] mine = steps.get(e);
            List<Double> ratios = new ArrayList<>();
            int neither = 0;
            ArrayNode points = JsonNodeFactory.instance.arrayNode();
            for (int s = 0; s < seeds; s++) {
                boolean reached = mine[s] != Censored.NOT_REACHED;
                boolean lastDid = lastSteps[s] != Censored.NOT_REACHED;
                ObjectNode p = points.addObject();
                p.put("seed", 100 + s);
                if (!reached && !lastDid) {
                    neither++;
                    p.putNull("ratio");
                    continue;
                }
                double ratio = !reached ? Double.POSITIVE_INFINITY : !lastDid ? 0 : (double) mine[s] / lastSteps[s];
                ratios.add(ratio);
                if (Double.isFinite(ratio)) {
                    p.put("ratio", ratio);
                } else {
                    p.put("ratio", "never reached; last did");
                }
            }
            double[] sorted =
                    ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted.length == 0
                    ? Double.NaN
                    : sorted.length % 2 == 1
                            ? sorted[sorted.length / 2]
                            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            String name = String.format(
                    Locale.ROOT,
                    "estimators (%s): agent-steps to reach, %s / last",
                    taskName,
                    e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            results.add(CheckResult.comparison(
                    name,
                    1.0,
                    median,
                    median < 1,
                    String.format(
                            Locale.ROOT,
                            "median over the %d of %d seeds where either reached within %,d agent-steps (range %s-%s); reached: "
                                    + "%d of %d runs (last: %d); neither reached: %d seeds; the estimator helps if the median is below 1",
                            sorted.length,
                            seeds,
                            EstimatorRace.budget(),
                            sorted.length == 0 ? "-" : show(sorted[0]),
                            sorted.length == 0 ? "-" : show(sorted[sorted.length - 1]),
                            new Censored(mine).reached(),
                            seeds,
                            lastReached,
                            neither),
                    points));
        }
        return results;
    }

    private static String show(double ratio) {
        return Double.isInfinite(ratio) ? "never" : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
