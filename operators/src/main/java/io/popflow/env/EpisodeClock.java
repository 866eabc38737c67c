package io.popflow.env;

/**
 * The bookkeeping every episodic environment shares: the step limit, the steps taken, and whether
 * the episode is over (a step after its end is a bug in the caller, not a new episode).
 */
final class EpisodeClock {
    private final int maxSteps;
    private int steps;
    private boolean over = true;

    EpisodeClock(int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        this.maxSteps = maxSteps;
    }

    void start() {
        steps = 0;
        over = false;
    }

    /** Before a step: the episode must be running. */
    void checkRunning() {
        if (over) {
            throw new IllegalStateException("the episode is over: reset first");
        }
    }

    /** After a step: counts it and returns whether the limit truncates the episode here. */
    boolean tick(boolean terminated) {
        steps++;
        boolean truncated = steps >= maxSteps;
        over = terminated || truncated;
        return truncated;
    }

    int steps() {
        return steps;
    }

    /** {@code variables}, then the steps taken and whether the episode is over (1 or 0). */
    double[] snapshot(double... variables) {
        double[] snapshot = java.util.Arrays.copyOf(variables, variables.length + 2);
        snapshot[variables.length] = steps;
        snapshot[variables.length + 1] = over ? 1 : 0;
        return snapshot;
    }

    /** Takes the clock's part of a {@link #snapshot} of {@code variables} state variables, and checks its length. */
    void restore(double[] snapshot, int variables) {
        if (snapshot.length != variables + 2) {
            throw new IllegalArgumentException(
                    "a snapshot of this environment holds " + (variables + 2) + " numbers, got " + snapshot.length);
        }
        steps = (int) snapshot[variables];
        over = snapshot[variables + 1] != 0;
    }
}
