package io.popflow.examples.diabetes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A real generator (SplittableRandom) that records what is drawn from it: the bounds of {@code
 * nextInt(bound)}, and how many draws of any other kind (every other method of RandomGenerator
 * comes down to {@code nextLong}).
 */
final class CountingGenerator implements RandomGenerator {
    private final SplittableRandom source;
    final List<Integer> boundedInts = new ArrayList<>();
    int otherDraws;

    CountingGenerator(long seed) {
        source = new SplittableRandom(seed);
    }

    @Override
    public int nextInt(int bound) {
        boundedInts.add(bound);
        return source.nextInt(bound);
    }

    @Override
    public long nextLong() {
        otherDraws++;
        return source.nextLong();
    }
}
