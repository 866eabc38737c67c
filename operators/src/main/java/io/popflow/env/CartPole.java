package io.popflow.env;

import io.popflow.api.Environment;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * CartPole-v1 as Gymnasium defines it (Barto, Sutton & Anderson 1983, with Florian's 2007
 * corrections): a pole on a cart, pushed left (action 0) or right (action 1) with 10 N, +1 reward per
 * step, ended when the cart leaves |x| <= 2.4 or the pole leans more than 12 degrees. The constants,
 * the explicit-Euler order and the limits are those of {@code reference/cartpole.md}.
 */
public final class CartPole implements Environment {
    static final double GRAVITY = 9.8;
    static final double CART_MASS = 1.0;
    static final double POLE_MASS = 0.1;
    static final double TOTAL_MASS = CART_MASS + POLE_MASS;
    static final double HALF_POLE_LENGTH = 0.5;
    static final double POLE_MASS_LENGTH = POLE_MASS * HALF_POLE_LENGTH;
    static final double FORCE = 10.0;
    static final double TAU = 0.02;
    static final double X_LIMIT = 2.4;
    static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    /** Gymnasium's CartPole-v1 limit; the seed authors' experiment uses 100. */
    public static final int V1_MAX_STEPS = 500;

    private final EpisodeClock clock;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    /** @param maxSteps the step at which an episode is truncated (500 in CartPole-v1) */
    public CartPole(int maxSteps) {
        this.clock = new EpisodeClock(maxSteps);
    }

    @Override
    public int observationSize() {
        return 4;
    }

    /** Gymnasium's names of the observation's values. */
    @Override
    public List<String> observationNames() {
        return List.of("cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity");
    }

    /** Gymnasium's actions, by index. */
    @Override
    public List<String> actionNames() {
        return List.of("push_left", "push_right");
    }

    @Override
    public int actions() {
        return 2;
    }

    @Override
    public double[] reset(RandomGenerator random) {
        return start(
                random.nextDouble(-0.05, 0.05),
                random.nextDouble(-0.05, 0.05),
                random.nextDouble(-0.05, 0.05),
                random.nextDouble(-0.05, 0.05));
    }

    /** Starts an episode from a given state (x, ẋ, θ, θ̇): for tests and for restoring a checkpointed episode. */
    public double[] start(double x, double xDot, double theta, double thetaDot) {
        this.x = x;
        this.xDot = xDot;
        this.theta = theta;
        this.thetaDot = thetaDot;
        clock.start();
        return observation();
    }

    @Override
    public Step step(int action) {
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("CartPole's actions are 0 (left) and 1 (right), got " + action);
        }
        clock.checkRunning();
        double force = action == 1 ? FORCE : -FORCE;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc =
                (GRAVITY * sin - cos * temp) / (HALF_POLE_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        // explicit Euler, every update from the old state
        x += TAU * xDot;
        xDot += TAU * xAcc;
        theta += TAU * thetaDot;
        thetaDot += TAU * thetaAcc;
        boolean terminated = x < -X_LIMIT || x > X_LIMIT || theta < -THETA_LIMIT || theta > THETA_LIMIT;
        boolean truncated = clock.tick(terminated);
        return new Step(observation(), 1.0, terminated, truncated);
    }

    @Override
    public double[] snapshot() {
        return clock.snapshot(x, xDot, theta, thetaDot);
    }

    @Override
    public void restore(double[] snapshot) {
        clock.restore(snapshot, 4);
        x = snapshot[0];
        xDot = snapshot[1];
        theta = snapshot[2];
        thetaDot = snapshot[3];
    }

    /** Steps taken in the current episode. */
    public int steps() {
        return clock.steps();
    }

    private double[] observation() {
        return new double[] {x, xDot, theta, thetaDot};
    }
}
