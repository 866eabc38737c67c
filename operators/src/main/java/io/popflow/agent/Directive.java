package io.popflow.agent;

/**
 * What the slow dynamics decided for one agent at the end of a generation. Every live agent gets
 * exactly one directive per generation; it is numbered so that a resent copy is recognised.
 *
 * @param generation the generation whose fitness table produced it
 * @param copyFrom the donor whose weights to take, or -1 to keep one's own
 * @param reset restart from fresh weights (nothing healthy was left to copy)
 * @param hyperparameters the new h, or null to keep the current one
 * @param sendTo recipients this agent donates its end-of-generation weights to
 * @param stop the run is over: emit the final record and stop
 * @param evaluateTest with {@code stop}: this is the best agent, measure it on the test set
 * @param mergeTarget weights to pull toward once the next generation's weights are in place, or null
 * @param mergeStrength γ of that pull: θ ← (1 − γ)θ + γ target
 */
public record Directive(
        int generation,
        int copyFrom,
        boolean reset,
        double[] hyperparameters,
        int[] sendTo,
        boolean stop,
        boolean evaluateTest,
        float[] mergeTarget,
        double mergeStrength) {

    public static Directive keep(int generation) {
        return new Directive(generation, -1, false, null, new int[0], false, false, null, 0);
    }

    /** The run is over for this agent; the best agent also measures its test performance. */
    public static Directive stop(int generation, boolean evaluateTest) {
        return new Directive(generation, -1, false, null, new int[0], true, evaluateTest, null, 0);
    }

    public boolean isDonor() {
        return sendTo != null && sendTo.length > 0;
    }
}
