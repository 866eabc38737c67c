package io.popflow.rl;

import io.popflow.api.Environment;
import java.util.random.RandomGenerator;

/**
 * A test MDP with a known optimum: states 0..n-1 seen one-hot, action 1 moves right, action 0 left
 * (state 0 stays). Moving right from the last state pays 1 and terminates; every other step pays 0.
 * Episodes start in a uniformly drawn state and are truncated after {@code limit} steps.
 */
final class ChainMdp implements Environment {
    private final int n;
    private final int limit;
    private int state;
    private int steps;

    ChainMdp(int n, int limit) {
        this.n = n;
        this.limit = limit;
    }

    /** Its spec, for a learner. */
    static EnvironmentSpec spec(int n, int limit) {
        return new Spec(n, limit);
    }

    record Spec(int n, int limit) implements EnvironmentSpec {
        @Override
        public Environment create() {
            return new ChainMdp(n, limit);
        }

        @Override
        public String name() {
            return "chain";
        }

        @Override
        public int maxSteps() {
            return limit;
        }

        @Override
        public double maxReturn() {
            return 1;
        }
    }

    @Override
    public int observationSize() {
        return n;
    }

    @Override
    public int actions() {
        return 2;
    }

    @Override
    public double[] reset(RandomGenerator random) {
        state = random.nextInt(n);
        steps = 0;
        return observation();
    }

    @Override
    public Step step(int action) {
        steps++;
        if (action == 1 && state == n - 1) {
            return new Step(observation(), 1, true, false);
        }
        state = action == 1 ? state + 1 : Math.max(0, state - 1);
        return new Step(observation(), 0, false, steps >= limit);
    }

    @Override
    public double[] snapshot() {
        return new double[] {state, steps};
    }

    @Override
    public void restore(double[] snapshot) {
        state = (int) snapshot[0];
        steps = (int) snapshot[1];
    }

    double[] observation() {
        double[] o = new double[n];
        o[state] = 1;
        return o;
    }

    /** Q* by value iteration on the same dynamics, to 1e-12. */
    static double[][] optimalQ(int n, double gamma) {
        double[][] q = new double[n][2];
        for (int sweep = 0; sweep < 10_000; sweep++) {
            double change = 0;
            for (int s = 0; s < n; s++) {
                double left = gamma * Math.max(q[Math.max(0, s - 1)][0], q[Math.max(0, s - 1)][1]);
                double right = s == n - 1 ? 1 : gamma * Math.max(q[s + 1][0], q[s + 1][1]);
                change = Math.max(change, Math.max(Math.abs(left - q[s][0]), Math.abs(right - q[s][1])));
                q[s][0] = left;
                q[s][1] = right;
            }
            if (change < 1e-12) {
                break;
            }
        }
        return q;
    }
}
