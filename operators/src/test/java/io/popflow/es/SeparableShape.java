package io.popflow.es;

import io.popflow.math.SplitMix64;
import java.util.random.RandomGenerator;

/**
 * Runs a diagonal strategy on the separable ellipsoid f = Σ a_i x_i² and measures the shape its
 * deviations take: the geometric mean, over generations 301 to 600, of σ_i √a_i / σ_0 √a_0 (1 for
 * every i when the shape is the inverse Hessian's).
 */
final class SeparableShape {
    /** One generation's candidates, their fitness back, and the per-coordinate deviations. */
    interface Strategy {
        double[][] candidates(RandomGenerator rng);

        void tell(double[] fitness);

        double[] deviations();
    }

    private SeparableShape() {}

    static double[] ratios(Strategy es, double[] a, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] logShape = new double[a.length];
        int counted = 0;
        for (int g = 1; g <= 600; g++) {
            double[][] x = es.candidates(rng);
            double[] f = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                double v = 0;
                for (int i = 0; i < a.length; i++) {
                    v += a[i] * x[k][i] * x[k][i];
                }
                f[k] = -v;
            }
            es.tell(f);
            if (g > 300) {
                double[] s = es.deviations();
                for (int i = 0; i < a.length; i++) {
                    logShape[i] += Math.log(s[i] * Math.sqrt(a[i]) / (s[0] * Math.sqrt(a[0])));
                }
                counted++;
            }
        }
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratios[i] = Math.exp(logShape[i] / counted);
        }
        return ratios;
    }
}
