package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.math.SplitMix64;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TruncationSelectionTest {

    /** ceil(n q), capped at floor(n / 2): Ray Tune's PopulationBasedTraining._quantiles. */
    @ParameterizedTest
    @CsvSource({
        "16,0.25,4",
        "10,0.25,3",
        "5,0.25,2",
        "4,0.25,1",
        "3,0.5,1",
        "2,0.25,1",
        "7,0.5,3",
        "100,0.2,20",
        "9,0.4,4"
    })
    void quantileSize(int n, double q, int expected) {
        assertThat(TruncationSelection.quantileSize(n, q)).isEqualTo(expected);
    }

    @Test
    void bottomQuantileCopiesFromTopQuantile() {
        FitnessTable table = table(new double[] {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6});
        List<TruncationSelection.Pair> pairs = new TruncationSelection(0.25).select(table, new SplitMix64(1));
        // fitness order: 2 (0.1) < 6 (0.2) < 4 < 0 < 7 < 3 < 5 (0.8) < 1 (0.9)
        assertThat(pairs).extracting(TruncationSelection.Pair::recipientRow).containsExactly(2, 6);
        assertThat(pairs).extracting(TruncationSelection.Pair::donorRow).allMatch(d -> d == 1 || d == 5);
    }

    /** Equal fitness ranks the lower id as better, so selection is a function of the table alone. */
    @Test
    void tiesAreBrokenByAgentId() {
        FitnessTable table = table(new double[] {0.5, 0.5, 0.5, 0.5});
        List<TruncationSelection.Pair> pairs = new TruncationSelection(0.25).select(table, new SplitMix64(1));
        assertThat(pairs).extracting(TruncationSelection.Pair::recipientRow).containsExactly(3);
        assertThat(pairs).extracting(TruncationSelection.Pair::donorRow).containsExactly(0);
    }

    @Test
    void divergedAgentsAreAlwaysReplacedAndNeverDonate() {
        FitnessTable table =
                table(new double[] {0.5, Double.NaN, 0.9, Double.NaN, 0.7, Double.POSITIVE_INFINITY, 0.6, 0.8});
        List<TruncationSelection.Pair> pairs = new TruncationSelection(0.25).select(table, new SplitMix64(3));
        assertThat(pairs).extracting(TruncationSelection.Pair::recipientRow).containsExactly(1, 3, 5);
        assertThat(pairs).extracting(TruncationSelection.Pair::donorRow).allMatch(d -> d == 2 || d == 7);
    }

    @Test
    void nothingToCopyWhenNoAgentIsHealthy() {
        FitnessTable table = table(new double[] {Double.NaN, Double.NaN, Double.NaN});
        assertThat(new TruncationSelection(0.5).select(table, new SplitMix64(3)))
                .isEmpty();
    }

    /**
     * Donors are drawn uniformly from the top quantile: over 40,000 draws with 4 donors each count is
     * Binomial(40000, 1/4), standard deviation 86.6; a chi-square statistic on 3 degrees of freedom
     * stays below 16.3 with probability 0.999.
     */
    @Test
    void donorsAreUniformOverTheTopQuantile() {
        double[] fitness = new double[16];
        Arrays.setAll(fitness, i -> i);
        FitnessTable table = table(fitness);
        TruncationSelection selection = new TruncationSelection(0.25);
        SplitMix64 rng = new SplitMix64(17);
        int[] counts = new int[16];
        int draws = 0;
        for (int trial = 0; trial < 10_000; trial++) {
            for (TruncationSelection.Pair p : selection.select(table, rng)) {
                assertThat(p.recipientRow()).isBetween(0, 3);
                counts[p.donorRow()]++;
                draws++;
            }
        }
        Set<Integer> donors = Arrays.stream(new int[] {12, 13, 14, 15}).boxed().collect(Collectors.toSet());
        double expected = draws / 4.0;
        double chiSquare = 0;
        for (int row = 0; row < 16; row++) {
            if (donors.contains(row)) {
                chiSquare += Math.pow(counts[row] - expected, 2) / expected;
            } else {
                assertThat(counts[row]).isZero();
            }
        }
        assertThat(draws).isEqualTo(40_000);
        assertThat(chiSquare).isLessThan(16.27);
    }

    @Test
    void rejectsQuantileFractionOutsideRayRange() {
        assertThatThrownBy(() -> new TruncationSelection(0.6)).hasMessageContaining("quantile_fraction");
        assertThatThrownBy(() -> new TruncationSelection(0)).hasMessageContaining("quantile_fraction");
    }

    static FitnessTable table(double[] fitness) {
        int n = fitness.length;
        int[] agents = new int[n];
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            agents[i] = i;
            h[i] = new double[] {0.01 * (i + 1), 32};
        }
        return new FitnessTable(0, agents, fitness, h);
    }
}
