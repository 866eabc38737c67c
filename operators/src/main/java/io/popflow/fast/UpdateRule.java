package io.popflow.fast;

import java.util.random.RandomGenerator;

/**
 * One step of the fast dynamics on θ, given a minibatch gradient g of the training loss.
 *
 * <p>Call order per step: the {@link Objective} writes g, then {@link #apply} moves θ in place.
 * The rule's memory ({@link #memoryPerWeight} floats per weight: SGD's momentum buffer, Adam's two
 * moments) and its step count are owned by the agent and travel with it through checkpoints.
 */
public enum UpdateRule {
    /** Heavy-ball SGD with weight decay: v ← μv + g + λθ, θ ← θ − ηv (PyTorch's convention). */
    SGD {
        @Override
        public void apply(
                float[] theta, float[] g, float[] velocity, long t, FastHyperparameters h, RandomGenerator rng) {
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
        public int memoryPerWeight() {
            return 1;
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
        public void apply(
                float[] theta, float[] g, float[] velocity, long t, FastHyperparameters h, RandomGenerator rng) {
            float eta = (float) h.learningRate();
            float lambda = (float) h.weightDecay();
            double noise = Math.sqrt(2 * h.learningRate() * h.temperature());
            for (int i = 0; i < theta.length; i++) {
                float step = eta * (g[i] + lambda * theta[i]);
                theta[i] = (float) (theta[i] - step + noise * rng.nextGaussian());
            }
        }

        @Override
        public int memoryPerWeight() {
            return 0;
        }

        @Override
        public boolean reads(Hyperparameter h) {
            return !h.equals(Hyperparameter.MOMENTUM);
        }
    },
    /** Adam (Kingma &amp; Ba 2015) with L2 weight decay added to g, PyTorch's {@code torch.optim.Adam}: see {@link Adam}. */
    ADAM {
        @Override
        public void apply(
                float[] theta, float[] g, float[] moments, long t, FastHyperparameters h, RandomGenerator rng) {
            Adam.step(theta, g, moments, t, h.learningRate(), h.weightDecay(), false);
        }

        @Override
        public int memoryPerWeight() {
            return 2;
        }

        @Override
        public boolean reads(Hyperparameter h) {
            return !h.equals(Hyperparameter.TEMPERATURE) && !h.equals(Hyperparameter.MOMENTUM);
        }
    },
    /** AdamW (Loshchilov &amp; Hutter 2019): Adam with decoupled weight decay, PyTorch's {@code torch.optim.AdamW}. */
    ADAMW {
        @Override
        public void apply(
                float[] theta, float[] g, float[] moments, long t, FastHyperparameters h, RandomGenerator rng) {
            Adam.step(theta, g, moments, t, h.learningRate(), h.weightDecay(), true);
        }

        @Override
        public int memoryPerWeight() {
            return 2;
        }

        @Override
        public boolean reads(Hyperparameter h) {
            return ADAM.reads(h);
        }
    };

    /**
     * Moves {@code theta} (and its {@code memory}, if the rule has one) one step.
     *
     * @param t this step's number among those taken with {@code memory}, from 1 (Adam's bias correction)
     */
    public abstract void apply(
            float[] theta, float[] g, float[] memory, long t, FastHyperparameters h, RandomGenerator rng);

    /** Floats of memory per weight: 0 (SGLD), 1 (SGD's momentum), 2 (Adam's two moments). */
    public abstract int memoryPerWeight();

    /** Whether a step depends on the fast knob {@code h}; setting one it ignores is a configuration error. */
    public abstract boolean reads(Hyperparameter h);
}
