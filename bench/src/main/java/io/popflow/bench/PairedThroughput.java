package io.popflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.math.Summary;

/**
 * Steady agent-steps/s of two runs measured in alternation, and the ratio of each adjacent pair:
 * on a shared machine the speed drifts from run to run more than the two runs differ, so a ratio of
 * runs taken one after the other says more than a ratio of medians.
 *
 * @param reference the first run's agent-steps/s, repetition by repetition
 * @param measured the second run's
 * @param ratios measured over reference, pair by pair
 */
record PairedThroughput(double[] reference, double[] measured, double[] ratios) {

    /** One run, returning {@link System#nanoTime()} at the end of each generation. */
    @FunctionalInterface
    interface TimedRun {
        long[] generationEnds() throws Exception;
    }

    /**
     * {@code warmups} untimed runs of each first, so that both are measured with their code compiled
     * by the JIT (on the reference machine throughput was still rising after one run of each), then
     * {@code repetitions} pairs.
     */
    static PairedThroughput measure(
            PopulationConfig referenceConfig,
            TimedRun reference,
            PopulationConfig measuredConfig,
            TimedRun measured,
            int warmups,
            int repetitions)
            throws Exception {
        for (int w = 0; w < warmups; w++) {
            reference.generationEnds();
            measured.generationEnds();
        }
        double[] r = new double[repetitions];
        double[] m = new double[repetitions];
        double[] pairs = new double[repetitions];
        for (int k = 0; k < repetitions; k++) {
            r[k] = PipelineBenchmarks.steadyThroughput(referenceConfig, reference.generationEnds());
            m[k] = PipelineBenchmarks.steadyThroughput(measuredConfig, measured.generationEnds());
            pairs[k] = m[k] / r[k];
        }
        return new PairedThroughput(r, m, pairs);
    }

    /** The median of the paired ratios: the figure. */
    double ratio() {
        return Summary.of(ratios).quantile(0.5);
    }

    /** Both throughputs and the ratios, under the names the figure gives them. */
    ObjectNode details(String referenceName, String measuredName) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set(measuredName + "_agent_steps_per_s", Kernels.details(measured, "agent-steps/s"));
        details.set(referenceName + "_agent_steps_per_s", Kernels.details(reference, "agent-steps/s"));
        details.set("paired_ratios", Kernels.details(ratios, "ratio"));
        return details;
    }
}
