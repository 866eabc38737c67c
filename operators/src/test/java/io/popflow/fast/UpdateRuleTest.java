package io.popflow.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

class UpdateRuleTest {

    /** Two heavy-ball steps worked by hand: v1 = g + λθ0, θ1 = θ0 − ηv1; v2 = μv1 + g + λθ1, θ2 = θ1 − ηv2. */
    @Test
    void sgdWithMomentumAndWeightDecay() {
        FastHyperparameters h = new FastHyperparameters(0.1, 0.9, 0.5, 0.0, 1);
        float[] theta = {1.0f, -2.0f};
        float[] v = new float[2];
        float[] g = {0.2f, 0.4f};
        UpdateRule.SGD.apply(theta, g, v, 1, h, new SplitMix64(1));
        // v1 = (0.2 + 0.5, 0.4 - 1.0) = (0.7, -0.6); θ1 = (0.93, -1.94)
        assertThat(v[0]).isCloseTo(0.7f, within(1e-6f));
        assertThat(v[1]).isCloseTo(-0.6f, within(1e-6f));
        assertThat(theta[0]).isCloseTo(0.93f, within(1e-6f));
        assertThat(theta[1]).isCloseTo(-1.94f, within(1e-6f));
        UpdateRule.SGD.apply(theta, g, v, 1, h, new SplitMix64(1));
        // v2 = (0.63 + 0.2 + 0.465, -0.54 + 0.4 - 0.97) = (1.295, -1.11); θ2 = (0.8005, -1.829)
        assertThat(v[0]).isCloseTo(1.295f, within(1e-6f));
        assertThat(v[1]).isCloseTo(-1.11f, within(1e-6f));
        assertThat(theta[0]).isCloseTo(0.8005f, within(1e-6f));
        assertThat(theta[1]).isCloseTo(-1.829f, within(1e-6f));
    }

    /** At temperature 0 SGLD is gradient descent with weight decay and draws no noise. */
    @Test
    void sgldAtZeroTemperatureIsGradientDescent() {
        FastHyperparameters h = new FastHyperparameters(0.1, 0.0, 0.5, 0.0, 1);
        float[] theta = {1.0f, -2.0f};
        UpdateRule.SGLD.apply(theta, new float[] {0.2f, 0.4f}, new float[0], 1, h, new SplitMix64(1));
        assertThat(theta[0]).isCloseTo(0.93f, within(1e-6f));
        assertThat(theta[1]).isCloseTo(-1.94f, within(1e-6f));
    }

    /** The noise has the Euler-Maruyama scale sqrt(2ηT): with a zero gradient, Var[Δθ] = 2ηT. */
    @Test
    void sgldNoiseHasEulerMaruyamaScale() {
        double eta = 0.01;
        double temperature = 0.3;
        FastHyperparameters h = new FastHyperparameters(eta, 0.0, 0.0, temperature, 1);
        int n = 200_000;
        float[] theta = new float[n];
        UpdateRule.SGLD.apply(theta, new float[n], new float[0], 1, h, new SplitMix64(9));
        double sum = 0;
        for (float t : theta) {
            sum += t * (double) t;
        }
        // relative standard error of a variance from n samples: sqrt(2/n) = 0.32%; 5 SE
        assertThat(sum / n / (2 * eta * temperature)).isCloseTo(1.0, within(5 * Math.sqrt(2.0 / n)));
    }

    @Test
    void onlySgdCarriesVelocity() {
        assertThat(UpdateRule.SGD.memoryPerWeight()).isEqualTo(1);
        assertThat(UpdateRule.SGLD.memoryPerWeight()).isZero();
        assertThat(UpdateRule.ADAM.memoryPerWeight()).isEqualTo(2);
        assertThat(UpdateRule.ADAM.reads(Hyperparameter.MOMENTUM)).isFalse();
        assertThat(UpdateRule.SGD.reads(Hyperparameter.TEMPERATURE)).isFalse();
        assertThat(UpdateRule.SGLD.reads(Hyperparameter.MOMENTUM)).isFalse();
    }
}
