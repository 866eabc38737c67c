package io.popflow.jobs.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Wasserstein-1 distances between populations of one size N and the reduced equation, one per
 * seed: a point of the W₁-against-N curve whose slope the large-population check and experiment fit.
 */
public record W1Point(int population, double[] bySeed) {

    public double mean() {
        return Reports.mean(bySeed);
    }

    public double standardError() {
        return Reports.sd(bySeed) / Math.sqrt(bySeed.length);
    }

    /** Appends this point to {@code points} as {@code population, w1_mean, w1_standard_error, w1_by_seed}. */
    public void appendTo(ArrayNode points) {
        ObjectNode p = points.addObject();
        p.put("population", population);
        p.put("w1_mean", mean());
        p.put("w1_standard_error", standardError());
        ArrayNode each = p.putArray("w1_by_seed");
        for (double x : bySeed) {
            each.add(x);
        }
    }
}
