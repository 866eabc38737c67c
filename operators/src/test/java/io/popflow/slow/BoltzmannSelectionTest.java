package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

/** Wright-Fisher resampling against closed-forms §5-6. */
class BoltzmannSelectionTest {
    private static final double[] FITNESS = {0.0, 0.5, 1.0, -1.0, 0.2, Double.NaN, 0.8, 0.1};
    private static final double ALPHA = 1.5;

    private static double[] probabilities() {
        double[] w = new double[FITNESS.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Double.isFinite(FITNESS[i]) ? Math.exp(ALPHA * FITNESS[i]) : 0;
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * Counts are multinomial: E[nᵢ] = N pᵢ and Var[nᵢ] = N pᵢ(1 − pᵢ). Over T = 40,000 generations
     * the mean has standard error sqrt(Npᵢ(1 − pᵢ)/T) and the variance a relative standard error
     * sqrt((2 + κᵢ)/T), κᵢ = (1 − 6pᵢ(1 − pᵢ))/(Npᵢ(1 − pᵢ)) the binomial excess kurtosis; tolerance
     * 5 standard errors. A diverged agent is never drawn.
     */
    @Test
    void countsAreMultinomialInTheBoltzmannWeights() {
        FitnessTable table = TruncationSelectionTest.table(FITNESS);
        BoltzmannSelection wf = new BoltzmannSelection(ALPHA);
        SplitMix64 rng = new SplitMix64(12);
        int n = FITNESS.length;
        int trials = 40_000;
        double[] sum = new double[n];
        double[] sumSquares = new double[n];
        for (int t = 0; t < trials; t++) {
            int[] counts = wf.counts(table, rng);
            for (int i = 0; i < n; i++) {
                sum[i] += counts[i];
                sumSquares[i] += (double) counts[i] * counts[i];
            }
        }
        double[] p = probabilities();
        for (int i = 0; i < n; i++) {
            double mean = sum[i] / trials;
            double variance = sumSquares[i] / trials - mean * mean;
            double expectedVariance = n * p[i] * (1 - p[i]);
            if (p[i] == 0) {
                assertThat(sum[i]).as("diverged agent %d drawn", i).isZero();
                continue;
            }
            assertThat(mean).as("E[n_%d]", i).isCloseTo(n * p[i], within(5 * Math.sqrt(expectedVariance / trials)));
            double kurtosis = (1 - 6 * p[i] * (1 - p[i])) / expectedVariance;
            assertThat(variance / expectedVariance)
                    .as("Var[n_%d]", i)
                    .isCloseTo(1.0, within(5 * Math.sqrt((2 + kurtosis) / trials)));
        }
    }

    /** The slot assignment realises the counts: a parent drawn at least once keeps its own slot. */
    @Test
    void parentsRealiseTheCountsWithFewestCopies() {
        FitnessTable table = TruncationSelectionTest.table(FITNESS);
        BoltzmannSelection wf = new BoltzmannSelection(ALPHA);
        for (long seed = 0; seed < 200; seed++) {
            int[] counts = wf.counts(table, new SplitMix64(seed));
            int[] parents = wf.parents(table, new SplitMix64(seed));
            int[] realised = new int[parents.length];
            for (int row = 0; row < parents.length; row++) {
                realised[parents[row]]++;
                if (counts[row] > 0) {
                    assertThat(parents[row]).isEqualTo(row);
                }
            }
            assertThat(realised).containsExactly(counts);
        }
        assertThat(wf.replacesEveryone()).isTrue();
    }

    /**
     * Price equation without mutation (closed-forms §5): E[Δz̄] = Cov(w, z)/w̄ with w = exp(αF).
     * The mean of z over the resampled population has variance Var_p(z)/N per generation; over
     * 20,000 generations, tolerance 5 standard errors.
     */
    @Test
    void meanShiftObeysThePriceEquation() {
        FitnessTable table = TruncationSelectionTest.table(FITNESS);
        BoltzmannSelection wf = new BoltzmannSelection(ALPHA);
        double[] p = probabilities();
        double[] z = new double[FITNESS.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = table.hyperparameters()[i][0];
        }
        double zBar = 0;
        double wBar = 0;
        double cov = 0;
        int healthy = 0;
        double[] w = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            if (Double.isFinite(FITNESS[i])) {
                w[i] = Math.exp(ALPHA * FITNESS[i]);
                healthy++;
            }
        }
        // the diverged agent is not part of the parent population: moments over healthy agents
        for (int i = 0; i < z.length; i++) {
            if (w[i] > 0) {
                zBar += z[i] / healthy;
                wBar += w[i] / healthy;
            }
        }
        for (int i = 0; i < z.length; i++) {
            if (w[i] > 0) {
                cov += (w[i] - wBar) * (z[i] - zBar) / healthy;
            }
        }
        double expectedMean = 0;
        double expectedSecond = 0;
        for (int i = 0; i < z.length; i++) {
            expectedMean += p[i] * z[i];
            expectedSecond += p[i] * z[i] * z[i];
        }
        assertThat(expectedMean - zBar).isCloseTo(cov / wBar, within(1e-12));
        int trials = 20_000;
        SplitMix64 rng = new SplitMix64(99);
        double sum = 0;
        for (int t = 0; t < trials; t++) {
            int[] parents = wf.parents(table, rng);
            double mean = 0;
            for (int parent : parents) {
                mean += z[parent] / parents.length;
            }
            sum += mean - zBar;
        }
        double sd = Math.sqrt((expectedSecond - expectedMean * expectedMean) / z.length / trials);
        assertThat(sum / trials).isCloseTo(cov / wBar, within(5 * sd));
    }
}
