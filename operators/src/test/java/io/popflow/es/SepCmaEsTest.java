package io.popflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * sep-CMA-ES on a separable ellipsoid f = Σ a_i x_i² (condition 10⁴): the per-coordinate
 * deviations become proportional to a_i^(−1/2), σ_i √a_i equal for every i (measured 0.85 to 1.15
 * of coordinate 0's over five seeds; the bound 2 either way stands against the start's equal σ,
 * off by up to 100).
 */
class SepCmaEsTest {
    private static final double[] A = {1, 10, 100, 1000, 10_000};

    @Test
    void deviationsAdaptToTheInverseSquareRootOfTheCurvatures() {
        for (long seed = 1; seed <= 5; seed++) {
            SepCmaEs es = new SepCmaEs(new double[] {1, 1, 1, 1, 1}, 0.5);
            double[] ratios = SeparableShape.ratios(
                    new SeparableShape.Strategy() {
                        private double[][] x;

                        @Override
                        public double[][] candidates(RandomGenerator rng) {
                            x = es.ask(rng);
                            return x;
                        }

                        @Override
                        public void tell(double[] fitness) {
                            es.tell(x, fitness);
                        }

                        @Override
                        public double[] deviations() {
                            return es.deviations();
                        }
                    },
                    A,
                    seed);
            System.out.println("sep-CMA-ES seed " + seed + ": σ_i √a_i / σ_0 √a_0 = " + Arrays.toString(ratios));
            for (double r : ratios) {
                assertThat(r).isBetween(0.5, 2.0);
            }
        }
    }
}
