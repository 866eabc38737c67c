package io.popflow.fast;

/**
 * Adam (Kingma &amp; Ba 2015) and AdamW (Loshchilov &amp; Hutter 2019), in PyTorch's arithmetic:
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − (η / (1 − β₁ᵗ)) · m / (sqrt(v) / sqrt(1 − β₂ᵗ) + ε).
 * Adam adds the weight decay λθ to g (L2); AdamW shrinks θ by (1 − ηλ) before the step (decoupled).
 *
 * <p>The moments live with the agent ({@code moments}: m in the first half, v in the second) and
 * {@code t} is the number of steps taken with them, this one included: an agent that resets its
 * optimizer starts again from zeros and t = 1.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private Adam() {}

    /**
     * One step of θ in place. {@code moments} has length {@code 2 * theta.length}.
     *
     * @param decoupled AdamW's decay instead of Adam's L2 term
     */
    public static void step(
            float[] theta, float[] g, float[] moments, long t, double lr, double weightDecay, boolean decoupled) {
        int n = theta.length;
        if (moments.length != 2 * n || g.length < n) {
            throw new IllegalArgumentException("moments must hold 2 x " + n + " values, got " + moments.length);
        }
        if (t < 1) {
            throw new IllegalArgumentException("t counts steps from 1, got " + t);
        }
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float stepSize = (float) (lr / (1 - Math.pow(BETA1, t)));
        float sqrtCorrection2 = (float) Math.sqrt(1 - Math.pow(BETA2, t));
        float eps = (float) EPSILON;
        float lambda = (float) weightDecay;
        float shrink = (float) (1 - lr * weightDecay);
        for (int i = 0; i < n; i++) {
            float gi = decoupled ? g[i] : g[i] + lambda * theta[i];
            float m = b1 * moments[i] + (1 - b1) * gi;
            float v = b2 * moments[n + i] + (1 - b2) * gi * gi;
            moments[i] = m;
            moments[n + i] = v;
            float th = decoupled ? theta[i] * shrink : theta[i];
            theta[i] = th - stepSize * m / ((float) Math.sqrt(v) / sqrtCorrection2 + eps);
        }
    }
}
