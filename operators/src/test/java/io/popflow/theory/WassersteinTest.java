package io.popflow.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WassersteinTest {

    /** A point mass at x₀ against the uniform law on [a, b]: E|U − x₀| = ((x₀ − a)² + (b − x₀)²) / (2(b − a)). */
    @Test
    void pointMassAgainstUniform() {
        Grid grid = new Grid(0, 2, 40);
        double[] samples = {0.5, 0.5, 0.5};
        assertThat(Wasserstein.toDensity(samples, grid, grid.uniform())).isCloseTo((0.25 + 2.25) / 4, within(1e-12));
    }

    /** Samples outside the grid count with their full distance. */
    @Test
    void samplesOutsideTheGrid() {
        Grid grid = new Grid(0, 1, 10);
        assertThat(Wasserstein.toDensity(new double[] {3}, grid, grid.uniform()))
                .isCloseTo(2.5, within(1e-12));
    }

    @Test
    void betweenSamplesIsTheMeanOrderStatisticDistance() {
        assertThat(Wasserstein.betweenSamples(new double[] {3, 1, 2}, new double[] {2, 4, 3}))
                .isCloseTo(1.0, within(1e-12));
    }
}
