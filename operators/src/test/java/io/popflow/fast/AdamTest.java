package io.popflow.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Adam and AdamW against their closed forms. */
class AdamTest {

    /**
     * With a constant gradient g, the bias-corrected moments are exactly g and g² at every t, so each
     * step moves θ by lr · g / (|g| + ε): lr · sign(g) up to ε/|g|.
     */
    @Test
    void aConstantGradientMovesByTheLearningRateEachStep() {
        float[] theta = {1.0f, -2.0f, 0.5f};
        float[] g = {0.3f, -4.0f, 1e-3f};
        float[] moments = new float[6];
        double lr = 0.01;
        for (int t = 1; t <= 50; t++) {
            Adam.step(theta, g, moments, t, lr, 0, false);
        }
        // float rounding of m/(sqrt(v)/c2) over 50 steps: ~1e-6 per step
        assertThat((double) theta[0]).isCloseTo(1.0 - 50 * lr * 0.3 / (0.3 + 1e-8), within(1e-5));
        assertThat((double) theta[1]).isCloseTo(-2.0 + 50 * lr, within(1e-5));
        assertThat((double) theta[2]).isCloseTo(0.5 - 50 * lr * 1e-3 / (1e-3 + 1e-8), within(1e-5));
    }

    /** Adam's weight decay is an L2 gradient λθ (it is normalised away: a step of lr); AdamW shrinks θ by (1 − lr·λ). */
    @Test
    void weightDecayCoupledAndDecoupled() {
        float[] adam = {2.0f};
        Adam.step(adam, new float[] {0f}, new float[2], 1, 0.1, 0.5, false);
        assertThat((double) adam[0]).isCloseTo(2.0 - 0.1 * (1.0 / (1.0 + 1e-8)), within(1e-6));

        float[] adamW = {2.0f};
        Adam.step(adamW, new float[] {0f}, new float[2], 1, 0.1, 0.5, true);
        assertThat((double) adamW[0]).isCloseTo(2.0 * (1 - 0.1 * 0.5), within(1e-6));
    }

    /** The second moment's average keeps a sign flip from undoing the step: a closed form of two steps. */
    @Test
    void twoStepsMatchTheRecurrence() {
        float[] theta = {0f};
        float[] moments = new float[2];
        Adam.step(theta, new float[] {1f}, moments, 1, 0.1, 0, false);
        Adam.step(theta, new float[] {-1f}, moments, 2, 0.1, 0, false);
        double m = 0.9 * 0.1 - 0.1;
        double v = 0.999 * 0.001 + 0.001;
        double second = 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
        assertThat((double) theta[0]).isCloseTo(-0.1 - second, within(1e-6));
    }
}
