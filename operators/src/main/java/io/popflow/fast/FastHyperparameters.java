package io.popflow.fast;

/**
 * The hyperparameters the fast dynamics reads at every step.
 *
 * @param learningRate step size η
 * @param momentum heavy-ball coefficient μ (SGD only)
 * @param weightDecay L2 coefficient λ, added to the gradient as λθ
 * @param temperature 1/β of the Langevin noise (SGLD only); 0 is plain gradient descent
 * @param batchSize rows per minibatch
 */
public record FastHyperparameters(
        double learningRate, double momentum, double weightDecay, double temperature, int batchSize) {

    @Override
    public String toString() {
        return String.format(
                "lr=%.4g momentum=%.3g weight_decay=%.3g temperature=%.3g batch_size=%d",
                learningRate, momentum, weightDecay, temperature, batchSize);
    }
}
