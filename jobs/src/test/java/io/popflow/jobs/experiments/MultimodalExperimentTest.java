package io.popflow.jobs.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** E2's measures on populations whose answer is known. */
class MultimodalExperimentTest {

    @Test
    void theMinimaAreHimmelblausZeros() {
        for (double[] m : MultimodalExperiment.MINIMA) {
            double g = Math.pow(m[0] * m[0] + m[1] - 11, 2) + Math.pow(m[0] + m[1] * m[1] - 7, 2);
            assertThat(g).as("g at %s", java.util.Arrays.toString(m)).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void modesCountMinimaHoldingAtLeastFivePercent() {
        double[][] h = new double[100][];
        for (int i = 0; i < 100; i++) {
            // 90 at (3, 2), 6 near (-2.8, 3.1), 4 near (3.58, -1.85): the last is under 5 %
            h[i] = i < 90 ? new double[] {3, 2} : i < 96 ? new double[] {-2.5, 3.0} : new double[] {3.5, -1.5};
        }
        assertThat(MultimodalExperiment.modesOccupied(h)).isEqualTo(2);
    }

    @Test
    void diversityIsTheRmsDistanceToTheCentroid() {
        double[][] h = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        assertThat(MultimodalExperiment.diversity(h)).isCloseTo(1, within(1e-12));
    }
}
