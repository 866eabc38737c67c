package io.popflow.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Censored runs count as later than any budget, never as reaching at the budget. */
class CensoredTest {
    private static final long NO = Censored.NOT_REACHED;

    @Test
    void quantilesAreOrderStatisticsWithCensoredRunsLast() {
        Censored c = new Censored(new long[] {400, NO, 100, 300, 200});
        assertThat(c.reached()).isEqualTo(4);
        assertThat(c.median()).isEqualTo(300); // rank ceil(2.5) = 3 of 100, 200, 300, 400, ∞
        assertThat(c.quantile(0.25)).isEqualTo(200); // rank 2
        assertThat(c.quantile(0.75)).isEqualTo(400); // rank 4
        assertThat(c.quantile(1)).isEqualTo(NO);
        assertThat(c.reachedBy(250)).isEqualTo(0.4);
    }

    @Test
    void aMedianOnCensoredRunsIsNotReached() {
        // 2 of 5 reached: today's theory check would have called the other three "one generation past the budget"
        Censored c = new Censored(new long[] {NO, 100, NO, 200, NO});
        assertThat(c.median()).isEqualTo(NO);
        assertThat(Censored.show(c.median())).isEqualTo("not reached");
        assertThat(Censored.show(c.quantile(0.25))).isEqualTo("200");
    }
}
