package io.popflow.env;

import io.popflow.api.Environment;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MountainCar-v0 as Gymnasium defines it (Moore 1990): an under-powered car in a valley must rock
 * itself up to the flag at x >= 0.5; actions 0 (push left), 1 (none), 2 (push right); -1 reward per
 * step, so the return counts the steps taken; truncated at 200 steps in v0. Its sparse reward is the
 * opposite case of CartPole's, which keeps the environment interface from being shaped by one task.
 */
public final class MountainCar implements Environment {
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.5;
    static final double GOAL_VELOCITY = 0.0;
    static final double FORCE = 0.001;
    static final double GRAVITY = 0.0025;
    /** Gymnasium's MountainCar-v0 limit. */
    public static final int V0_MAX_STEPS = 200;

    private final EpisodeClock clock;
    private double position;
    private double velocity;

    /** @param maxSteps the step at which an episode is truncated (200 in MountainCar-v0) */
    public MountainCar(int maxSteps) {
        this.clock = new EpisodeClock(maxSteps);
    }

    @Override
    public int observationSize() {
        return 2;
    }

    /** Gymnasium's names of the observation's values. */
    @Override
    public List<String> observationNames() {
        return List.of("position", "velocity");
    }

    /** Gymnasium's actions, by index. */
    @Override
    public List<String> actionNames() {
        return List.of("accelerate_left", "no_acceleration", "accelerate_right");
    }

    @Override
    public int actions() {
        return 3;
    }

    @Override
    public double[] reset(RandomGenerator random) {
        return start(random.nextDouble(-0.6, -0.4), 0.0);
    }

    /** Starts an episode from a given (position, velocity): for tests and for restoring a checkpointed episode. */
    public double[] start(double position, double velocity) {
        this.position = position;
        this.velocity = velocity;
        clock.start();
        return new double[] {position, velocity};
    }

    @Override
    public Step step(int action) {
        if (action < 0 || action > 2) {
            throw new IllegalArgumentException(
                    "MountainCar's actions are 0 (left), 1 (none) and 2 (right), got " + action);
        }
        clock.checkRunning();
        velocity += (action - 1) * FORCE + Math.cos(3 * position) * -GRAVITY;
        velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
        position += velocity;
        position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0; // an inelastic wall
        }
        boolean terminated = position >= GOAL_POSITION && velocity >= GOAL_VELOCITY;
        boolean truncated = clock.tick(terminated);
        return new Step(new double[] {position, velocity}, -1.0, terminated, truncated);
    }

    @Override
    public double[] snapshot() {
        return clock.snapshot(position, velocity);
    }

    @Override
    public void restore(double[] snapshot) {
        clock.restore(snapshot, 2);
        position = snapshot[0];
        velocity = snapshot[1];
    }

    /** Steps taken in the current episode. */
    public int steps() {
        return clock.steps();
    }
}
