package io.popflow.rl;

import io.popflow.api.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A user's environment cut at popflow's step limit: an episode it would never end (a bug, or a task
 * without termination) is truncated there, so no greedy test or evaluation runs forever. Its
 * snapshot is the user's with the step count after it.
 */
final class StepLimit implements Environment {
    private final Environment inner;
    private final int maxSteps;
    private int steps;

    StepLimit(Environment inner, int maxSteps) {
        this.inner = inner;
        this.maxSteps = maxSteps;
    }

    @Override
    public int observationSize() {
        return inner.observationSize();
    }

    @Override
    public int actions() {
        return inner.actions();
    }

    @Override
    public List<String> observationNames() {
        return inner.observationNames();
    }

    @Override
    public List<String> actionNames() {
        return inner.actionNames();
    }

    @Override
    public double[] reset(RandomGenerator random) {
        steps = 0;
        return inner.reset(random);
    }

    @Override
    public Step step(int action) {
        Step s = inner.step(action);
        steps++;
        return steps >= maxSteps && !s.done() ? new Step(s.observation(), s.reward(), false, true) : s;
    }

    @Override
    public double[] snapshot() {
        double[] own = inner.snapshot();
        double[] all = Arrays.copyOf(own, own.length + 1);
        all[own.length] = steps;
        return all;
    }

    @Override
    public void restore(double[] snapshot) {
        inner.restore(Arrays.copyOf(snapshot, snapshot.length - 1));
        steps = (int) snapshot[snapshot.length - 1];
    }
}
