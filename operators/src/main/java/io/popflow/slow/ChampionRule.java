package io.popflow.slow;

import io.popflow.option.Option;

/**
 * When a run publishes its champion, the best agent of a generation by its fitness on validation
 * data (never test data): at the first generation, whenever the best agent is another than the last
 * published one, and every {@code every} generations (so that a champion that goes on learning is
 * published again).
 *
 * @param every generations between two publications of the same champion
 */
public record ChampionRule(int every) {
    public static final Option<Integer> EVERY = Option.integer(
                    "models.every",
                    null,
                    "write the current champion (the best agent by validation fitness) to models/champion.onnx every N "
                            + "generations and whenever the best agent changes (a synchronous selection run with a model)")
            .defaultIs("10 in a run with generations: 0, otherwise off")
            .atLeast(1);

    /** The default for a continuous run: a champion that keeps learning is published every 10 generations. */
    public static final int CONTINUOUS_DEFAULT = 10;

    public ChampionRule {
        EVERY.require(every);
    }

    /**
     * Whether generation {@code generation}, whose best agent is {@code best}, publishes it; {@code
     * last} is the last published champion (-1 for none yet).
     */
    public boolean publishes(int generation, int best, int last) {
        return last < 0 || best != last || (generation + 1) % every == 0;
    }
}
