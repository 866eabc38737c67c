package io.popflow.slow;

/**
 * The population estimator of the effective fitness: a Nadaraya-Watson regression of every
 * healthy agent's fitness over hyperparameter space, F̂(hᵢ) = Σⱼ K(hᵢ − hⱼ) fⱼ / Σⱼ K(hᵢ − hⱼ) with a
 * Gaussian product kernel in the domains' coordinates (see {@link Domain#coordinate}). Neighbours
 * with similar h are draws of the same F(h), so averaging them trades the noise of one window for a
 * bias of order bandwidth².
 */
public final class KernelFitnessRegression {
    private KernelFitnessRegression() {}

    /**
     * The table with every healthy agent's fitness replaced by the regression at its h; diverged
     * agents keep their non-finite fitness.
     *
     * @param bandwidth kernel width in coordinate units; 0 for Scott's rule per coordinate,
     *     σₖ n^(−1/(d+4))
     */
    public static FitnessTable smooth(FitnessTable table, HyperparameterSpace space, double bandwidth) {
        int n = table.size();
        int d = space.size();
        int[] healthy = SelectionRule.healthyRows(table);
        double[][] y = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                y[i][k] = space.domain(k).coordinate(table.hyperparameters()[i][k]);
            }
        }
        double[] width = new double[d];
        for (int k = 0; k < d; k++) {
            width[k] = bandwidth > 0 ? bandwidth : scott(y, healthy, k, d);
        }
        double[] smoothed = table.fitness().clone();
        for (int i : healthy) {
            double weightSum = 0;
            double sum = 0;
            for (int j : healthy) {
                double q = 0;
                for (int k = 0; k < d; k++) {
                    if (width[k] > 0) {
                        double z = (y[i][k] - y[j][k]) / width[k];
                        q += z * z;
                    }
                }
                double w = Math.exp(-0.5 * q);
                weightSum += w;
                sum += w * table.fitness()[j];
            }
            smoothed[i] = sum / weightSum;
        }
        return new FitnessTable(table.generation(), table.agents(), smoothed, table.hyperparameters());
    }

    private static double scott(double[][] y, int[] rows, int k, int d) {
        if (rows.length < 2) {
            return 0;
        }
        double mean = 0;
        for (int i : rows) {
            mean += y[i][k];
        }
        mean /= rows.length;
        double var = 0;
        for (int i : rows) {
            var += (y[i][k] - mean) * (y[i][k] - mean);
        }
        double sd = Math.sqrt(var / (rows.length - 1));
        return sd * Math.pow(rows.length, -1.0 / (d + 4));
    }
}
