package io.popflow.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {
    @Test
    void slopeOfAnExactLineIsItsSlope() {
        assertThat(LeastSquares.slope(new double[] {1, 2, 4}, new double[] {1, -1, -5}))
                .isCloseTo(-2, within(1e-12));
    }

    @Test
    void slopeMatchesTheNormalEquationsOnNoisyPoints() {
        // x = 0..3, y = 1, 3, 2, 6: sxy = 7, sxx = 5 by hand
        assertThat(LeastSquares.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 6}))
                .isCloseTo(1.4, within(1e-12));
    }

    @Test
    void needsTwoPairsOfEqualLength() {
        assertThatThrownBy(() -> LeastSquares.slope(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeastSquares.slope(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
