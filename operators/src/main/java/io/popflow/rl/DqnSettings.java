package io.popflow.rl;

import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.OutputLoss;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

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
public record DqnSettings(
        EnvironmentSpec environment,
        int[] hidden,
        double gamma,
        int targetUpdate,
        int replayCapacity,
        TdLoss loss,
        double epsilonMin,
        boolean decoupledWeightDecay,
        int maxBatch)
        implements Serializable {

    public static final Option<int[]> HIDDEN = Option.integers(
                    "dqn.hidden",
                    new int[] {64, 64},
                    "hidden ReLU layers of the Q-network (observation in, one value per action out)")
            .check(
                    h -> h.length >= 1 && Arrays.stream(h).allMatch(n -> n >= 1),
                    "must list one or more layer sizes >= 1")
            .appliesTo(TaskKind.CONTROL);
    public static final Option<Double> GAMMA =
            Option.number("dqn.gamma", 0.99, "discount γ").between(0, 1).appliesTo(TaskKind.CONTROL);
    public static final Option<Integer> TARGET_UPDATE = Option.integer(
                    "dqn.target_update",
                    100,
                    "the target network copies the Q-network when the agent's step count is a multiple of this")
            .check(n -> n >= 1, "must be >= 1 step")
            .appliesTo(TaskKind.CONTROL);
    public static final Option<Integer> REPLAY_CAPACITY = Option.integer(
                    "dqn.replay_capacity", 5_000, "transitions each agent keeps, sampled uniformly without replacement")
            .atLeast(1)
            .appliesTo(TaskKind.CONTROL);
    public static final Option<TdLoss> LOSS =
            Option.choice("dqn.loss", TdLoss.class, TdLoss.MSE, "TD loss").appliesTo(TaskKind.CONTROL);
    public static final Option<Double> EPSILON_MIN = Option.number(
                    "dqn.epsilon_min",
                    0.01,
                    "ε's floor: ε = ε_min + (1 − ε_min) exp(−steps / epsilon_decay), on the agent's own step count")
            .between(0, 1)
            .appliesTo(TaskKind.CONTROL);

    public static final List<Option<?>> OPTIONS =
            List.of(HIDDEN, GAMMA, TARGET_UPDATE, REPLAY_CAPACITY, LOSS, EPSILON_MIN);

    public DqnSettings {
        hidden = HIDDEN.require(hidden).clone();
        GAMMA.require(gamma);
        TARGET_UPDATE.require(targetUpdate);
        REPLAY_CAPACITY.require(replayCapacity);
        InvalidOptionException.require(
                replayCapacity >= maxBatch,
                REPLAY_CAPACITY.key(),
                "must hold at least the largest batch_size (" + maxBatch + "), got " + replayCapacity);
        EPSILON_MIN.require(epsilonMin);
    }

    /** The seed authors' agent on {@code environment} (the declarations' defaults), batches up to {@code maxBatch}. */
    public static DqnSettings authors(EnvironmentSpec environment, int maxBatch) {
        return new DqnSettings(
                environment,
                HIDDEN.fallback(),
                GAMMA.fallback(),
                TARGET_UPDATE.fallback(),
                REPLAY_CAPACITY.fallback(),
                LOSS.fallback(),
                EPSILON_MIN.fallback(),
                false,
                maxBatch);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DqnSettings d
                && environment.equals(d.environment)
                && Arrays.equals(hidden, d.hidden)
                && gamma == d.gamma
                && targetUpdate == d.targetUpdate
                && replayCapacity == d.replayCapacity
                && loss == d.loss
                && epsilonMin == d.epsilonMin
                && decoupledWeightDecay == d.decoupledWeightDecay
                && maxBatch == d.maxBatch;
    }

    @Override
    public int hashCode() {
        return environment.hashCode() * 31 + Arrays.hashCode(hidden);
    }

    @Override
    public String toString() {
        return "DqnSettings{" + environment + ", hidden=" + Arrays.toString(hidden) + ", gamma=" + gamma
                + ", target_update=" + targetUpdate + ", replay_capacity=" + replayCapacity + ", loss=" + loss
                + ", epsilon_min=" + epsilonMin + (decoupledWeightDecay ? ", adamw" : "") + ", max_batch=" + maxBatch
                + '}';
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
