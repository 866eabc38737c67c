package io.popflow.slow;

import io.popflow.math.Summary;

/** Computes a {@link GenerationSummary} from a fitness table. */
public final class PopulationStatistics {
    private PopulationStatistics() {}

    /** @param episodeReturnMean the generation's mean episode return (NaN but for control tasks) */
    public static GenerationSummary summarize(
            FitnessTable table, String[] names, long agentSteps, double episodeReturnMean) {
        int n = table.size();
        int healthy = 0;
        for (int i = 0; i < n; i++) {
            if (table.isHealthy(i)) {
                healthy++;
            }
        }
        Summary fitness = Summary.of(table.fitness());
        double[] means = new double[names.length];
        double[] variances = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            double[] column = new double[healthy];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (table.isHealthy(i)) {
                    column[k++] = table.hyperparameters()[i][j];
                }
            }
            Summary s = Summary.of(column);
            means[j] = s.mean();
            variances[j] = s.variance();
        }
        int best = table.best();
        return new GenerationSummary(
                table.generation(),
                n,
                n - healthy,
                agentSteps,
                table.agents()[best],
                table.fitness()[best],
                table.hyperparameters()[best].clone(),
                fitness.min(),
                fitness.quantile(0.25),
                fitness.quantile(0.5),
                fitness.quantile(0.75),
                fitness.max(),
                fitness.mean(),
                names.clone(),
                means,
                variances,
                episodeReturnMean);
    }
}
