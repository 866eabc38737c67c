package io.popflow.connectors.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeldOutTest {

    /**
     * Over n = 200,000 positions the held-out share has standard deviation sqrt(f(1-f)/n) = 0.00089
     * at f = 0.2; the tolerance is five of them.
     */
    @Test
    void holdsOutTheRequestedShare() {
        int n = 200_000;
        int held = 0;
        for (int i = 0; i < n; i++) {
            if (HeldOut.isValidation(i % 4, i / 4, 0.2)) {
                held++;
            }
        }
        assertThat((double) held / n).isCloseTo(0.2, org.assertj.core.data.Offset.offset(5 * 0.00089));
    }

    @Test
    void aLargerShareHoldsOutASupersetAndPartitionsDecideIndependently() {
        for (long offset = 0; offset < 1000; offset++) {
            if (HeldOut.isValidation(3, offset, 0.3)) {
                assertThat(HeldOut.isValidation(3, offset, 0.6)).isTrue();
            }
        }
        // different partitions decide independently
        long differ = java.util.stream.LongStream.range(0, 1000)
                .filter(o -> HeldOut.isValidation(0, o, 0.5) != HeldOut.isValidation(1, o, 0.5))
                .count();
        assertThat(differ).isBetween(400L, 600L);
    }
}
