package io.popflow.es;

import java.util.Arrays;

/**
 * What the feedback edge carries to each trainer subtask at the end of an ES generation: the
 * generation, its noise seed, the members' fitness in member order, the next generation's seed and
 * the digest of the distribution this produces. N + 4 numbers whatever the network's size: every
 * subtask's replica tells its own copy of the strategy (see {@link DistributionReplica}) and checks
 * the digest. Lamarckian inheritance cannot be replayed from the seed (the trained members are
 * not), so its update also carries the new strategy state, which replicas take as it is.
 *
 * @param generation the generation told
 * @param seed its noise seed
 * @param fitness its members' fitness, member k at index k (non-finite: diverged)
 * @param nextSeed the noise seed of generation + 1
 * @param digest {@link StrategyStates#digest} of the distribution after the tell
 * @param state the distribution's state after the tell ({@link StrategyStates}), or empty when
 *     replicas tell it themselves
 */
public record EsGeneration(int generation, long seed, double[] fitness, long nextSeed, long digest, byte[] state) {
    private static final byte[] NONE = new byte[0];

    public EsGeneration {
        state = state == null ? NONE : state;
    }

    /** An update replicas replay from the seed and the fitness. */
    public EsGeneration(int generation, long seed, double[] fitness, long nextSeed, long digest) {
        this(generation, seed, fitness, nextSeed, digest, NONE);
    }

    public boolean carriesState() {
        return state.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsGeneration e
                && generation == e.generation
                && seed == e.seed
                && nextSeed == e.nextSeed
                && digest == e.digest
                && Arrays.equals(fitness, e.fitness)
                && Arrays.equals(state, e.state);
    }

    @Override
    public int hashCode() {
        return generation * 31 + Long.hashCode(digest);
    }
}
