package io.popflow.math;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea &amp; Flood 2014): a 64-bit generator whose whole state is one {@code long}.
 *
 * <p>That single word is what makes it the right generator for agents in Flink keyed state: the
 * stream position is checkpointed with the agent, so a restored agent draws exactly the numbers it
 * would have drawn without the failure. {@link #nextGaussian()} is the JDK's ziggurat over
 * {@link #nextLong()}, hence just as deterministic.
 */
public final class SplitMix64 implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    /** The generator's full state; {@code new SplitMix64(state())} continues the same stream. */
    public long state() {
        return state;
    }

    @Override
    public long nextLong() {
        return mix(state += GOLDEN_GAMMA);
    }

    /** Derives the seed of an independent stream {@code index} from a parent seed. */
    public static long derive(long parentSeed, long index) {
        return mix(mix(parentSeed) ^ mix(index * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
