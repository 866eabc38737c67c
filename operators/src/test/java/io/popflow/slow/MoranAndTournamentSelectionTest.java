package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

class MoranAndTournamentSelectionTest {

    /**
     * One Moran event: one death (uniform) and one birth (∝ e^{αF}), so at most one slot changes,
     * and the newborn's parent follows the Boltzmann weights. Over 100,000 events the parent counts
     * of the changed slots are multinomial; a chi-square statistic on 4 degrees of freedom stays
     * below 18.5 with probability 0.999. Deaths hit every slot uniformly (same test).
     */
    @Test
    void oneEventIsOneDeathAndOneBirthByFitness() {
        double[] fitness = {0.0, 0.5, 1.0, -1.0, 0.2};
        FitnessTable table = TruncationSelectionTest.table(fitness);
        MoranSelection moran = new MoranSelection(2.0, 1);
        SplitMix64 rng = new SplitMix64(5);
        int n = fitness.length;
        int[] births = new int[n];
        int[] deaths = new int[n];
        int events = 100_000;
        for (int e = 0; e < events; e++) {
            int[] parents = moran.parents(table, rng);
            int changed = 0;
            for (int row = 0; row < n; row++) {
                if (parents[row] != row) {
                    changed++;
                    births[parents[row]]++;
                    deaths[row]++;
                }
            }
            assertThat(changed).isLessThanOrEqualTo(1);
        }
        // a birth into the parent's own slot changes nothing: condition on a changed slot
        double[] w = new double[n];
        double[] birthP = new double[n];
        double[] deathP = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(2.0 * fitness[i]);
            sum += w[i];
        }
        double changeP = 0;
        for (int i = 0; i < n; i++) {
            changeP += (w[i] / sum) * (1 - 1.0 / n);
        }
        for (int i = 0; i < n; i++) {
            birthP[i] = (w[i] / sum) * (1 - 1.0 / n) / changeP;
            deathP[i] = (1.0 / n) * (1 - w[i] / sum) / changeP;
        }
        int total = java.util.Arrays.stream(births).sum();
        assertThat(chiSquare(births, birthP, total)).isLessThan(18.47);
        assertThat(chiSquare(deaths, deathP, total)).isLessThan(18.47);
    }

    /**
     * Binary tournament: an agent with k better agents among the other n − 1 copies one with
     * probability k/(n − 1), and only a better one. 20,000 rounds; binomial 5 standard errors.
     */
    @Test
    void tournamentCopiesABetterAgentWithProbabilityItsShareOfBetterOnes() {
        double[] fitness = {0.3, 0.1, 0.9, 0.5, 0.7};
        FitnessTable table = TruncationSelectionTest.table(fitness);
        TournamentSelection tournament = new TournamentSelection();
        SplitMix64 rng = new SplitMix64(8);
        int rounds = 20_000;
        int n = fitness.length;
        int[] copies = new int[n];
        for (int r = 0; r < rounds; r++) {
            int[] parents = tournament.parents(table, rng);
            for (int row = 0; row < n; row++) {
                if (parents[row] != row) {
                    assertThat(fitness[parents[row]]).isGreaterThan(fitness[row]);
                    copies[row]++;
                }
            }
        }
        for (int row = 0; row < n; row++) {
            int better = 0;
            for (double f : fitness) {
                if (f > fitness[row]) {
                    better++;
                }
            }
            double p = better / (double) (n - 1);
            assertThat(copies[row] / (double) rounds)
                    .as("agent %d", row)
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / rounds) + 1e-12));
        }
    }

    @Test
    void divergedAgentsAreReplacedByEveryRule() {
        double[] fitness = {0.3, Double.NaN, 0.9, Double.NaN};
        FitnessTable table = TruncationSelectionTest.table(fitness);
        SelectionRule[] rules = {
            new MoranSelection(1, 2),
            new TournamentSelection(),
            new BoltzmannSelection(1),
            new TruncationSelection(0.25)
        };
        for (SelectionRule rule : rules) {
            for (long seed = 0; seed < 50; seed++) {
                int[] parents = rule.parents(table, new SplitMix64(seed));
                assertThat(parents[1]).as("%s", rule).isIn(0, 2);
                assertThat(parents[3]).as("%s", rule).isIn(0, 2);
            }
        }
    }

    private static double chiSquare(int[] counts, double[] p, int total) {
        double chi = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = p[i] * total;
            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        return chi;
    }
}
