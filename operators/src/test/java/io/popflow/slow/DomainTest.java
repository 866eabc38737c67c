package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

/** Sampling statistics of the domains, against the exact probabilities by a chi-square test. */
class DomainTest {
    private static final int DRAWS = 100_000;

    /**
     * Ray's {@code randint}: every whole number of [1, 4] has probability 1/4, the ends too (rounding
     * a uniform draw on [1, 4] gives the ends 1/6 each).
     */
    @Test
    void anIntegerIntervalDrawsEveryValueEquallyOften() {
        Domain.Interval d = new Domain.Interval(1, 4, Domain.Scale.LINEAR, true);
        assertThat(chiSquare(d, new double[] {0.25, 0.25, 0.25, 0.25}, 1)).isLessThan(CHI2_3DF_999);
    }

    /** Ray's {@code lograndint} on [1, 4]: P(k) = log((k + 1)/k) / log 5. */
    @Test
    void aLogIntegerIntervalDrawsByLogWidth() {
        Domain.Interval d = new Domain.Interval(1, 4, Domain.Scale.LOG, true);
        double[] p = new double[4];
        for (int k = 1; k <= 4; k++) {
            p[k - 1] = Math.log((k + 1.0) / k) / Math.log(5);
        }
        assertThat(chiSquare(d, p, 1)).isLessThan(CHI2_3DF_999);
    }

    /** The same rule on bounds that are not whole numbers: [0.5, 3.7] holds 1, 2, 3. */
    @Test
    void fractionalBoundsHoldTheWholeNumbersBetweenThem() {
        Domain.Interval d = new Domain.Interval(0.5, 3.7, Domain.Scale.LINEAR, true);
        assertThat(chiSquare(d, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 1)).isLessThan(CHI2_2DF_999);
    }

    /** 99.9% quantiles of the chi-square law with 3 and 2 degrees of freedom: a correct sampler fails 1 time in 1,000. */
    private static final double CHI2_3DF_999 = 16.27;

    private static final double CHI2_2DF_999 = 13.82;

    /** Pearson's statistic of {@link #DRAWS} draws against probabilities {@code p} of the values first, first + 1, ... */
    private static double chiSquare(Domain d, double[] p, int first) {
        long[] counts = new long[p.length];
        SplitMix64 rng = new SplitMix64(11);
        for (int i = 0; i < DRAWS; i++) {
            double v = d.sample(rng);
            assertThat(d.contains(v)).as("%s in the domain", v).isTrue();
            counts[(int) v - first]++;
        }
        double chi2 = 0;
        for (int k = 0; k < p.length; k++) {
            double expected = DRAWS * p[k];
            chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
        }
        return chi2;
    }
}
