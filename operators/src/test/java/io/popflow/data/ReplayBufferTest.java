package io.popflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static float[] example(int i) {
        return new float[] {i, -i};
    }

    @Test
    void keepsTheMostRecentExamplesInArrivalOrder() {
        ReplayBuffer b = new ReplayBuffer(3, 2, 10);
        for (int i = 0; i < 5; i++) {
            b.add(example(i), i);
        }
        assertThat(b.count()).isEqualTo(3);
        assertThat(b.added()).isEqualTo(5);
        // 0 and 1 were evicted, oldest first
        assertThat(b.label(0)).isEqualTo(2);
        assertThat(b.label(1)).isEqualTo(3);
        assertThat(b.label(2)).isEqualTo(4);
        assertThat(b.features(0)).containsExactly(2f, -2f);
        assertThat(b.features(2)).containsExactly(4f, -4f);
        assertThatThrownBy(() -> b.label(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void snapshotHoldsExactlyTheFilledRowsAndFollowsNewExamples() {
        ReplayBuffer b = new ReplayBuffer(4, 2, 10);
        b.add(example(1), 1);
        b.add(example(2), 2);
        Dataset first = b.snapshot();
        assertThat(first.size()).isEqualTo(2);
        assertThat(b.snapshot()).isSameAs(first);
        b.add(example(3), 3);
        assertThat(b.snapshot().size()).isEqualTo(3);
        assertThat(b.snapshot().label(2)).isEqualTo(3);
        // the training view is the whole ring; only the first count() rows are sampled
        assertThat(b.training().size()).isEqualTo(4);
    }

    @Test
    void refusesExamplesOfTheWrongShape() {
        ReplayBuffer b = new ReplayBuffer(4, 2, 10);
        assertThatThrownBy(() -> b.add(new float[3], 1)).hasMessageContaining("expected 2 features");
        assertThatThrownBy(() -> b.add(new float[2], 10)).hasMessageContaining("outside [0, 10)");
        assertThatThrownBy(() -> b.add(new float[2], -1)).hasMessageContaining("outside");
        assertThat(b.count()).isZero();
    }

    @Test
    void streamedExamplesAreReadyWhenBothBuffersHoldTheMinimum() {
        StreamedExamples s = new StreamedExamples(8, 4, 2, 2, 10);
        s.accept(new LabeledExample(example(1), 1, false));
        s.accept(new LabeledExample(example(2), 2, false));
        s.accept(new LabeledExample(example(3), 3, true));
        assertThat(s.ready()).isFalse();
        s.accept(new LabeledExample(example(4), 4, true));
        assertThat(s.ready()).isTrue();
        assertThat(s.trainRows()).isEqualTo(2);
        assertThat(s.validation().size()).isEqualTo(2);
        assertThat(s.test()).isNull();
        assertThatThrownBy(() -> new StreamedExamples(8, 4, 5, 2, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
