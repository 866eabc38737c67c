package io.popflow.fast;

import java.util.random.RandomGenerator;

/**
 * One step of the fast dynamics on θ, given a minibatch gradient g of the training loss.
 *
 * <p>Call order per step: the {@link Objective} writes g, then {@link #apply} moves θ in place.
 * The rule's only memory is the velocity vector (momentum buffer), owned by the agent.
 */
public enum UpdateRule {
    /** Heavy-ball SGD with weight decay: v ← μv + g + λθ, θ ← θ − ηv (PyTorch's convention). */
    SGD {
        @Override
        public void apply(float[] theta, float[] g, float[] velocity, FastHyperparameters h, RandomGenerator rng) {
            float eta = (float) h.learningRate();
            float mu = (float) h.momentum();
            float lambda = (float) h.weightDecay();
            for (int i = 0; i < theta.length; i++) {
                float v = mu * velocity[i] + g[i] + lambda * theta[i];
                velocity[i] = v;
                theta[i] -= eta * v;
            }
        }

        @Override
        public boolean usesVelocity() {
            return true;
        }

        @Override
        public boolean reads(Hyperparameter h) {
            return !h.equals(Hyperparameter.TEMPERATURE);
        }
    },
    /**
     * Stochastic gradient Langevin dynamics (Welling &amp; Teh 2011), the Euler-Maruyama step of
     * dθ = −∇(L + λ|θ|²/2) dt + sqrt(2T) dW: θ ← θ − η(g + λθ) + sqrt(2ηT)·ξ, ξ ~ N(0, I).
     */
    SGLD {
        @Override
        public void apply(float[] theta, float[] g, float[] velocity, FastHyperparameters h, RandomGenerator rng) {
            float eta = (float) h.learningRate();
            float lambda = (float) h.weightDecay();
            double noise = Math.sqrt(2 * h.learningRate() * h.temperature());
            for (int i = 0; i < theta.length; i++) {
                float step = eta * (g[i] + lambda * theta[i]);
                theta[i] = (float) (theta[i] - step + noise * rng.nextGaussian());
            }
        }

        @Override
        public boolean usesVelocity() {
            return false;
        }

        @Override
        public boolean reads(Hyperparameter h) {
            return !h.equals(Hyperparameter.MOMENTUM);
        }
    };

    /** Moves {@code theta} (and {@code velocity}, if used) one step. */
    public abstract void apply(float[] theta, float[] g, float[] velocity, FastHyperparameters h, RandomGenerator rng);

    /** Whether the rule carries a momentum buffer that must travel with θ when weights are copied. */
    public abstract boolean usesVelocity();

    /** Whether a step depends on the fast knob {@code h}; setting one it ignores is a configuration error. */
    public abstract boolean reads(Hyperparameter h);
}
