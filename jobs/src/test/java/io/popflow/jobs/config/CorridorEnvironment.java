package io.popflow.jobs.config;

import io.popflow.api.Environment;
import java.util.random.RandomGenerator;

/**
 * A user's environment on the test class path: a corridor of 4 cells seen one-hot, action 1 steps
 * right (the last cell pays 1 and ends the episode), action 0 stays; cut at 10 steps.
 */
public class CorridorEnvironment implements Environment {
    private int cell;
    private int steps;

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int actions() {
        return 2;
    }

    @Override
    public double[] reset(RandomGenerator random) {
        cell = random.nextInt(3);
        steps = 0;
        return observation();
    }

    @Override
    public Step step(int action) {
        steps++;
        cell = Math.min(3, cell + action);
        return new Step(observation(), cell == 3 ? 1 : 0, cell == 3, steps >= 10);
    }

    private double[] observation() {
        double[] o = new double[4];
        o[cell] = 1;
        return o;
    }

    @Override
    public double[] snapshot() {
        return new double[] {cell, steps};
    }

    @Override
    public void restore(double[] snapshot) {
        cell = (int) snapshot[0];
        steps = (int) snapshot[1];
    }
}
