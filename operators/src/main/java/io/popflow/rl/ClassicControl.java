package io.popflow.rl;

import io.popflow.api.Environment;
import io.popflow.env.CartPole;
import io.popflow.env.MountainCar;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;

/**
 * Gymnasium's classic-control environments popflow ships.
 *
 * @param name {@code cartpole} (CartPole-v1) or {@code mountain-car} (MountainCar-v0)
 * @param maxSteps the step at which an episode is truncated (500 and 200 in Gymnasium; the seed
 *     authors cut CartPole at 100)
 */
public record ClassicControl(String name, int maxSteps) implements EnvironmentSpec {
    public static final String CARTPOLE = "cartpole";
    public static final String MOUNTAIN_CAR = "mountain-car";

    public static final Option<Integer> MAX_STEPS = Option.integer(
                    "environment.max_steps", null, "episodes are truncated at this step")
            .defaultIs("Gymnasium's: 500 for cartpole, 200 for mountain-car; for custom-env 100000, a backstop "
                    + "(the environment ends its own episodes)")
            .check(n -> n >= 1, "must be >= 1 step")
            .appliesTo(TaskKind.CONTROL);

    public ClassicControl {
        if (!CARTPOLE.equals(name) && !MOUNTAIN_CAR.equals(name)) {
            throw new IllegalArgumentException("unknown environment '" + name + "' (known: cartpole, mountain-car)");
        }
        MAX_STEPS.require(maxSteps);
    }

    /**
     * Gymnasium's truncation: CartPole-v1 at 500 steps, MountainCar-v0 at 200; a user's environment
     * ends its own episodes, and popflow's limit is only a backstop against one that never does.
     */
    public static int defaultMaxSteps(String name) {
        return switch (name) {
            case CARTPOLE -> 500;
            case MOUNTAIN_CAR -> 200;
            default -> CUSTOM_ENV_BACKSTOP;
        };
    }

    /** The step limit of a user's environment unless {@code environment.max_steps} says another. */
    public static final int CUSTOM_ENV_BACKSTOP = 100_000;

    @Override
    public Environment create() {
        return name.equals(CARTPOLE) ? new CartPole(maxSteps) : new MountainCar(maxSteps);
    }

    /** CartPole pays 1 a step, so at most maxSteps; MountainCar pays −1 a step, so at most 0 (never reached). */
    @Override
    public double maxReturn() {
        return name.equals(CARTPOLE) ? maxSteps : 0;
    }
}
