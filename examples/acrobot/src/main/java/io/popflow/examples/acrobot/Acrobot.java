package io.popflow.examples.acrobot;

import io.popflow.api.CustomOptions;
import io.popflow.api.Environment;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Acrobot-v1 as Gymnasium defines it (Sutton 1996; Sutton & Barto 1998, the book's equations): two
 * links hang from a pivot, the joint between them driven with torque −1 (action 0), 0 (1) or +1 (2);
 * the episode ends when the free end rises more than one link length above the pivot, −cos θ1 −
 * cos(θ1 + θ2) > 1. Reward −1 per step and 0 on the step that reaches that height, so the return
 * counts the steps taken; truncated at {@code max_steps}. A user's code: it sees popflow-api and
 * nothing else of popflow.
 *
 * <p>Each step is one Runge-Kutta step of 0.2 s ({@link AcrobotDynamics}); then, as in Gymnasium,
 * the angles are wrapped into [−π, π] by whole turns and the velocities clipped to ±4π and ±9π. The
 * observation is (cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2). Gymnasium rounds the start state and each
 * observation to float32; here everything stays in double.
 *
 * <p>Options ({@code custom.options}): {@code max_steps}, the step at which an episode is
 * truncated (500, Acrobot-v1's limit).
 */
public class Acrobot implements Environment {
    /** Gymnasium's Acrobot-v1 limit. */
    public static final int V1_MAX_STEPS = 500;

    static final double DT = 0.2;
    static final double MAX_VELOCITY_1 = 4 * Math.PI;
    static final double MAX_VELOCITY_2 = 9 * Math.PI;
    /** Each state value of a new episode is uniform in [−START_RANGE, START_RANGE). */
    static final double START_RANGE = 0.1;

    private static final double[] TORQUE = {-1.0, 0.0, 1.0};
    private static final int STATE_SIZE = 4;

    private final AcrobotDynamics dynamics = new AcrobotDynamics();
    private final double[] state = new double[STATE_SIZE];
    private int maxSteps = V1_MAX_STEPS;
    private int steps;
    // a step after the end is the caller's bug, not a new episode: it is refused until reset
    private boolean over = true;

    @Override
    public void configure(CustomOptions options) {
        long limit = options.wholeNumber("max_steps", maxSteps);
        if (limit < 1 || limit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "max_steps must be between 1 and " + Integer.MAX_VALUE + ", got " + limit);
        }
        maxSteps = (int) limit;
    }

    @Override
    public int observationSize() {
        return 6;
    }

    /** Gymnasium's observation, by index. */
    @Override
    public List<String> observationNames() {
        return List.of("cos_theta1", "sin_theta1", "cos_theta2", "sin_theta2", "theta1_velocity", "theta2_velocity");
    }

    @Override
    public int actions() {
        return 3;
    }

    /** Gymnasium's actions, by index: the torque on the joint between the links. */
    @Override
    public List<String> actionNames() {
        return List.of("torque_minus_1", "torque_0", "torque_plus_1");
    }

    /** Draws θ1, θ2, θ̇1, θ̇2 in that order, Gymnasium's, from {@code random} alone. */
    @Override
    public double[] reset(RandomGenerator random) {
        for (int i = 0; i < STATE_SIZE; i++) {
            state[i] = random.nextDouble(-START_RANGE, START_RANGE);
        }
        steps = 0;
        over = false;
        return observation();
    }

    @Override
    public Step step(int action) {
        if (action < 0 || action >= TORQUE.length) {
            throw new IllegalArgumentException(
                    "Acrobot's actions are 0 (torque -1), 1 (torque 0) and 2 (torque +1), got " + action);
        }
        if (over) {
            throw new IllegalStateException("the episode is over: reset first");
        }
        dynamics.advance(state, TORQUE[action], DT);
        state[0] = wrap(state[0]);
        state[1] = wrap(state[1]);
        state[2] = clip(state[2], MAX_VELOCITY_1);
        state[3] = clip(state[3], MAX_VELOCITY_2);
        boolean terminated = -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
        steps++;
        boolean truncated = steps >= maxSteps;
        over = terminated || truncated;
        return new Step(observation(), terminated ? 0.0 : -1.0, terminated, truncated);
    }

    /**
     * By whole turns into [−π, π], one turn at a time as Gymnasium does (π itself stays): a step
     * moves an angle by a few turns at most, and a different method would round differently.
     */
    private static double wrap(double angle) {
        while (angle > Math.PI) {
            angle -= 2 * Math.PI;
        }
        while (angle < -Math.PI) {
            angle += 2 * Math.PI;
        }
        return angle;
    }

    private static double clip(double velocity, double limit) {
        return Math.max(-limit, Math.min(limit, velocity));
    }

    /** (θ1, θ2, θ̇1, θ̇2, steps taken in the episode, 1 if it is over else 0). */
    @Override
    public double[] snapshot() {
        return new double[] {state[0], state[1], state[2], state[3], steps, over ? 1 : 0};
    }

    @Override
    public void restore(double[] snapshot) {
        if (snapshot.length != STATE_SIZE + 2) {
            throw new IllegalArgumentException(
                    "a snapshot of Acrobot holds " + (STATE_SIZE + 2) + " numbers, got " + snapshot.length);
        }
        // the angles in the range every step leaves them in (which also bounds the wrap's turns)
        for (int i = 0; i < 2; i++) {
            if (!(Math.abs(snapshot[i]) <= Math.PI)) {
                throw new IllegalArgumentException("a snapshot's angles must be in [-pi, pi], got " + snapshot[i]);
            }
        }
        for (int i = 2; i < STATE_SIZE; i++) {
            if (!Double.isFinite(snapshot[i])) {
                throw new IllegalArgumentException("a snapshot's velocities must be finite, got " + snapshot[i]);
            }
        }
        double stepsTaken = snapshot[STATE_SIZE];
        if (!(stepsTaken >= 0 && stepsTaken <= Integer.MAX_VALUE && stepsTaken == Math.rint(stepsTaken))) {
            throw new IllegalArgumentException(
                    "a snapshot's step count must be a whole number >= 0, got " + stepsTaken);
        }
        double done = snapshot[STATE_SIZE + 1];
        if (done != 0 && done != 1) {
            throw new IllegalArgumentException("a snapshot's episode-over flag must be 0 or 1, got " + done);
        }
        System.arraycopy(snapshot, 0, state, 0, STATE_SIZE);
        steps = (int) stepsTaken;
        over = done == 1;
    }

    private double[] observation() {
        return new double[] {
            Math.cos(state[0]), Math.sin(state[0]), Math.cos(state[1]), Math.sin(state[1]), state[2], state[3]
        };
    }
}
