package io.popflow.rl;

/** The loss on a temporal-difference error δ = Q(s, a) − y, averaged over the batch. */
public enum TdLoss {
    /** δ², PyTorch's {@code MSELoss} (the seed authors' choice). */
    MSE {
        @Override
        double value(double delta) {
            return delta * delta;
        }

        @Override
        double derivative(double delta) {
            return 2 * delta;
        }
    },
    /** δ²/2 for |δ| ≤ 1, |δ| − 1/2 beyond: PyTorch's {@code SmoothL1Loss} (β = 1), the DQN paper's clipped error. */
    HUBER {
        @Override
        double value(double delta) {
            double a = Math.abs(delta);
            return a <= 1 ? 0.5 * delta * delta : a - 0.5;
        }

        @Override
        double derivative(double delta) {
            return Math.max(-1, Math.min(1, delta));
        }
    };

    abstract double value(double delta);

    abstract double derivative(double delta);
}
