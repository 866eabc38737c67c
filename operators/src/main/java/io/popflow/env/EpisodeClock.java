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
}
