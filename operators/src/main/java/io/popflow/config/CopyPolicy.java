package io.popflow.config;

import io.popflow.fast.UpdateRule;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What an exploiting agent takes with a donor's weights besides θ (configuration {@code exploit}).
 *
 * @param optimizer {@code copy}: the donor's optimizer memory and step count come too; {@code
 *     reset}: the recipient starts its optimizer afresh (zero memory, step count 0)
 * @param replay for a reinforcement learner, {@code clear}: the recipient empties its replay
 *     memory; {@code keep}: it keeps its own transitions (a donor's memory never travels)
 */
public record CopyPolicy(Optimizer optimizer, Replay replay) implements Serializable {

    public enum Optimizer {
        COPY,
        RESET
    }

    public enum Replay {
        CLEAR,
        KEEP
    }

    public static final Option<Optimizer> OPTIMIZER = Option.choice(
                    "exploit.optimizer",
                    Optimizer.class,
                    null,
                    "a copying agent takes the donor's optimizer memory and step count (copy) or starts afresh (reset)")
            .defaultIs("copy for sgd's momentum, reset for adam and adamw");
    public static final Option<Replay> REPLAY = Option.choice(
                    "exploit.replay",
                    Replay.class,
                    Replay.CLEAR,
                    "cartpole, mountain-car: a copying agent empties its replay memory (clear) or keeps its own (keep)")
            .appliesTo(TaskKind.CONTROL);

    public static final List<Option<?>> OPTIONS = List.of(OPTIMIZER, REPLAY);

    /**
     * The defaults: SGD's momentum travels with θ (it is a velocity of those weights, and popflow has
     * always copied it); Adam starts afresh and the replay memory is cleared, as in the seed
     * authors' experiment (reference/cartpole.md).
     */
    public static CopyPolicy defaults(UpdateRule rule) {
        return new CopyPolicy(rule.memoryPerWeight() == 2 ? Optimizer.RESET : Optimizer.COPY, REPLAY.fallback());
    }

    /** Reads {@code exploit: {optimizer: copy|reset, replay: clear|keep}} from the run's options; defaults in {@link #defaults}. */
    public static CopyPolicy from(OptionSection run, UpdateRule rule) {
        OptionSection e = run.child("exploit");
        CopyPolicy defaults = defaults(rule);
        CopyPolicy policy = new CopyPolicy(e.get(OPTIMIZER, defaults.optimizer()), e.get(REPLAY));
        InvalidOptionException.require(
                rule.memoryPerWeight() > 0 || !e.has(OPTIMIZER),
                OPTIMIZER.key(),
                "optimizer " + rule.name().toLowerCase(Locale.ROOT) + " has no memory to copy or reset");
        e.rejectUnknown();
        return policy;
    }
}
