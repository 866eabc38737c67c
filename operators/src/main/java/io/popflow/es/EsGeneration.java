package io.popflow.es;

import java.util.Arrays;

/**
 * What the feedback edge carries to each trainer subtask at the end of an ES generation: the
 * generation, its noise seed, the members' fitness in member order, the next generation's seed and
 * the digest of the distribution this produces. N + 4 numbers whatever the network's size: every
 * subtask's replica tells its own copy of the strategy (see {@link DistributionReplica}) and checks
 * the digest.
 *
 * @param generation the generation told
 * @param seed its noise seed
 * @param fitness its members' fitness, member k at index k (non-finite: diverged)
 * @param nextSeed the noise seed of generation + 1
 * @param digest {@link StrategyStates#digest} of the distribution after the tell
 */
public record EsGeneration(int generation, long seed, double[] fitness, long nextSeed, long digest) {

    /** Bytes of this update as {@code AgentCommandSerializer} writes its fields. */
    public int payloadBytes() {
        return Integer.BYTES + Long.BYTES + Integer.BYTES + fitness.length * Double.BYTES + 2 * Long.BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsGeneration e && generation == e.generation && seed == e.seed && nextSeed == e.nextSeed
                && digest == e.digest && Arrays.equals(fitness, e.fitness);
    }

    @Override
    public int hashCode() {
        return generation * 31 + Long.hashCode(digest);
    }
}
