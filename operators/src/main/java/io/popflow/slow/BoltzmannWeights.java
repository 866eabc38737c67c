package io.popflow.slow;

/** Selection weights w ∝ exp(α F), computed stably (shifted by the largest F); 0 for diverged agents. */
final class BoltzmannWeights {
    private BoltzmannWeights() {}

    /** Normalised probabilities over the rows of {@code table}; all zero if none is healthy. */
    static double[] probabilities(FitnessTable table, double strength) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < table.size(); i++) {
            if (table.isHealthy(i)) {
                max = Math.max(max, table.fitness()[i]);
            }
        }
        double[] p = new double[table.size()];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = table.isHealthy(i) ? Math.exp(strength * (table.fitness()[i] - max)) : 0;
            sum += p[i];
        }
        for (int i = 0; i < p.length && sum > 0; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** A row drawn from {@code p} by inversion. */
    static int draw(double[] p, java.util.random.RandomGenerator rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                cumulative += p[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }
}
