package io.popflow.agent;

/**
 * What the slow dynamics decided for one agent at the end of a generation. Every live agent gets
 * exactly one directive per generation; it is numbered so that a resent copy is recognised.
 *
 * @param generation the generation whose fitness table produced it
 * @param sendTo recipients this agent donates its end-of-generation weights to (empty if none)
 * @param merge the pull toward the elite's weights once the next generation's weights are in place
 * @param action what the agent itself does next
 */
public record Directive(int generation, int[] sendTo, Merge merge, Action action) {
    private static final int[] NONE = new int[0];

    public Directive {
        sendTo = sendTo == null ? NONE : sendTo;
        merge = merge == null ? Merge.NONE : merge;
    }

    /** What an agent does after its generation's report. */
    public sealed interface Action permits Keep, Mutate, Copy, Reset, Stop, Sample, TakeMean {}

    /** Go on with the same weights and h. */
    public record Keep() implements Action {}

    /** Go on with the same weights and the new h. */
    public record Mutate(double[] hyperparameters) implements Action {}

    /** Take {@code donor}'s weights and the new h (wait for the weights if they have not come). */
    public record Copy(int donor, double[] hyperparameters) implements Action {}

    /** Restart from fresh weights with the new h: nothing healthy was left to copy. */
    public record Reset(double[] hyperparameters) implements Action {}

    /** The run is over: emit the final record ({@code evaluateTest}: the best agent, on the test data) and stop. */
    public record Stop(boolean evaluateTest) implements Action {}

    /**
     * An evolution strategy's member: take your member of the next generation's search
     * distribution, which the agent's subtask rebuilds from the generation's seed ({@link MemberSource}).
     */
    public record Sample() implements Action {}

    /**
     * An evolution strategy's run is over: take the final distribution's mean, then stop as {@link
     * Stop} does ({@code evaluateTest}: measure its test performance).
     */
    public record TakeMean(boolean evaluateTest) implements Action {}

    /**
     * Model merging: θ ← (1 − γ)θ + γ target.
     *
     * @param target the elite's weights, or empty for no merge
     * @param strength γ
     */
    public record Merge(float[] target, double strength) {
        public static final Merge NONE = new Merge(new float[0], 0);

        public boolean isOn() {
            return target.length > 0;
        }
    }

    public static Directive keep(int generation) {
        return new Directive(generation, NONE, Merge.NONE, new Keep());
    }

    /** The run is over for this agent; the best agent also measures its test performance. */
    public static Directive stop(int generation, boolean evaluateTest) {
        return new Directive(generation, NONE, Merge.NONE, new Stop(evaluateTest));
    }

    /** {@code action} at the end of {@code generation}, donating to no one, without merging. */
    public static Directive of(int generation, Action action) {
        return new Directive(generation, NONE, Merge.NONE, action);
    }

    /** This directive, also donating to {@code recipients}. */
    public Directive sendingTo(int... recipients) {
        return new Directive(generation, recipients, merge, action);
    }

    public boolean isDonor() {
        return sendTo.length > 0;
    }

    /** The h the action brings, or null if it keeps the current one. */
    public double[] newHyperparameters() {
        if (action instanceof Mutate m) {
            return m.hyperparameters();
        }
        if (action instanceof Copy c) {
            return c.hyperparameters();
        }
        if (action instanceof Reset r) {
            return r.hyperparameters();
        }
        return null;
    }
}
