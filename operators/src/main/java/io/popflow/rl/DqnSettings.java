package io.popflow.rl;

import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.OutputLoss;
import java.io.Serializable;

/**
 * The fixed part of a DQN agent (its hyperparameters lr, ε_decay and batch_size are h, mutable).
 * Defaults are the seed authors' (reference/cartpole.md).
 *
 * @param environment where the agent acts
 * @param hidden hidden layer sizes of the Q-network (64, 64)
 * @param gamma discount γ (0.99)
 * @param targetUpdate the target network is copied from the Q-network when the agent's step count
 *     is a multiple of this (100)
 * @param replayCapacity transitions kept (5,000)
 * @param loss TD loss (MSE)
 * @param epsilonMin ε's floor: ε = ε_min + (1 − ε_min)·exp(−steps/ε_decay) (0.01)
 * @param decoupledWeightDecay AdamW instead of Adam
 * @param maxBatch the largest batch_size the hyperparameter space allows (buffers are sized for it)
 */
public record DqnSettings(EnvironmentSpec environment, int[] hidden, double gamma, int targetUpdate,
        int replayCapacity, TdLoss loss, double epsilonMin, boolean decoupledWeightDecay, int maxBatch)
        implements Serializable {

    public DqnSettings {
        hidden = hidden.clone();
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        if (targetUpdate < 1) {
            throw new IllegalArgumentException("target_update must be >= 1 step, got " + targetUpdate);
        }
        if (replayCapacity < maxBatch) {
            throw new IllegalArgumentException("replay_capacity (" + replayCapacity
                    + ") must hold at least the largest batch_size (" + maxBatch + ")");
        }
        if (!(epsilonMin >= 0 && epsilonMin <= 1)) {
            throw new IllegalArgumentException("epsilon_min must be in [0, 1], got " + epsilonMin);
        }
    }

    /** The seed authors' agent on {@code environment}, batches up to {@code maxBatch}. */
    public static DqnSettings authors(EnvironmentSpec environment, int maxBatch) {
        return new DqnSettings(environment, new int[] {64, 64}, 0.99, 100, 5_000, TdLoss.MSE, 0.01, false, maxBatch);
    }

    /** The Q-network: observation in, one value per action out, ReLU between. */
    public MlpArchitecture architecture(int observationSize, int actions) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = observationSize;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = actions;
        return new MlpArchitecture(sizes, Activation.RELU, OutputLoss.SQUARED_ERROR);
    }
}
