package io.popflow.agent;

import io.popflow.fast.UpdateRule;
import java.io.Serializable;

/**
 * What an exploiting agent takes with a donor's weights besides θ (configuration {@code exploit}).
 *
 * @param optimizer {@code copy}: the donor's optimizer memory and step count come too; {@code
 *     reset}: the recipient starts its optimizer afresh (zero memory, step count 0)
 * @param replay for a reinforcement learner, {@code clear}: the recipient empties its replay
 *     memory; {@code keep}: it keeps its own transitions (a donor's memory never travels)
 */
public record CopyPolicy(Optimizer optimizer, Replay replay) implements Serializable {

    public enum Optimizer { COPY, RESET }

    public enum Replay { CLEAR, KEEP }

    /**
     * The defaults: SGD's momentum travels with θ (it is a velocity of those weights, and popflow has
     * always copied it); Adam starts afresh and the replay memory is cleared, as in the seed
     * authors' experiment (reference/cartpole.md).
     */
    public static CopyPolicy defaults(UpdateRule rule) {
        return new CopyPolicy(rule.memoryPerWeight() == 2 ? Optimizer.RESET : Optimizer.COPY, Replay.CLEAR);
    }
}
