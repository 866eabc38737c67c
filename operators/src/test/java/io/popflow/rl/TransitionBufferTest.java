package io.popflow.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

class TransitionBufferTest {

    @Test
    void keepsTheLastCapacityTransitionsOverwritingTheOldest() {
        TransitionBuffer buffer = new TransitionBuffer(3, 2);
        for (int t = 0; t < 5; t++) {
            buffer.add(new float[] {t, -t}, t % 2, t * 10, new float[] {t + 1, -t - 1}, t == 4);
        }
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.cursor()).isEqualTo(2);
        // slots 0, 1, 2 hold t = 3, 4, 2
        float[] obs = new float[2];
        buffer.observation(0, obs, 0);
        assertThat(obs).containsExactly(3f, -3f);
        buffer.nextObservation(1, obs, 0);
        assertThat(obs).containsExactly(5f, -5f);
        assertThat(buffer.reward(2)).isEqualTo(20f);
        assertThat(buffer.action(1)).isZero();
        assertThat(buffer.terminated(1)).isTrue();
        assertThat(buffer.terminated(0)).isFalse();

        TransitionBuffer copy = buffer.copy();
        assertThat(copy.sameAs(buffer)).isTrue();
        buffer.clear();
        assertThat(buffer.size()).isZero();
        assertThat(copy.size()).isEqualTo(3);
    }

    /**
     * A sample of 2 out of 4 has no repeated slot, and every pair comes up with probability 1/6:
     * chi-square over the 6 pairs, 5 degrees of freedom, 99.9% quantile 20.52.
     */
    @Test
    void samplesDistinctSlotsUniformly() {
        TransitionBuffer buffer = new TransitionBuffer(10, 1);
        for (int t = 0; t < 4; t++) {
            buffer.add(new float[] {t}, 0, 0, new float[] {t}, false);
        }
        SplitMix64 rng = new SplitMix64(1);
        int[] slots = new int[2];
        long[][] pairs = new long[4][4];
        int draws = 60_000;
        for (int d = 0; d < draws; d++) {
            buffer.sample(2, slots, rng);
            assertThat(slots[0]).isNotEqualTo(slots[1]).isBetween(0, 3);
            pairs[Math.min(slots[0], slots[1])][Math.max(slots[0], slots[1])]++;
        }
        double chi2 = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                double expected = draws / 6.0;
                chi2 += Math.pow(pairs[i][j] - expected, 2) / expected;
            }
        }
        assertThat(chi2).isLessThan(20.52);
        assertThatThrownBy(() -> buffer.sample(5, new int[5], rng)).hasMessageContaining("cannot sample 5 of 4");
    }
}
