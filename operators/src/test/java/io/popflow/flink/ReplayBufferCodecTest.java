package io.popflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.data.LabeledExample;
import io.popflow.data.ReplayBuffer;
import io.popflow.data.StreamedExamples;
import org.junit.jupiter.api.Test;

/** The replay buffers survive a checkpoint: same examples, same order, same eviction from then on. */
class ReplayBufferCodecTest {

    @Test
    void roundTripKeepsExamplesOrderAndCounts() throws Exception {
        StreamedExamples before = new StreamedExamples(5, 3, 1, 2, 10);
        for (int i = 0; i < 12; i++) {
            before.accept(new LabeledExample(new float[] {i, i + 0.5f}, i % 10, i % 3 == 0));
        }
        StreamedExamples after = new StreamedExamples(5, 3, 1, 2, 10);
        ReplayBufferCodec.decodeInto(ReplayBufferCodec.encode(before), after);

        assertSame(before.trainBuffer(), after.trainBuffer());
        assertSame(before.validationBuffer(), after.validationBuffer());
        // the next example evicts the same one in both
        before.accept(new LabeledExample(new float[] {99, 99}, 9, false));
        after.accept(new LabeledExample(new float[] {99, 99}, 9, false));
        assertSame(before.trainBuffer(), after.trainBuffer());
    }

    private static void assertSame(ReplayBuffer a, ReplayBuffer b) {
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(b.added()).isEqualTo(a.added());
        for (int i = 0; i < a.count(); i++) {
            assertThat(b.features(i)).containsExactly(a.features(i));
            assertThat(b.label(i)).isEqualTo(a.label(i));
        }
    }
}
