package io.popflow.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalTest {

    /** erfc against values computed with mpmath at 30 digits. */
    @ParameterizedTest
    @CsvSource({
        "0,1",
        "0.1,0.88753708398171510",
        "0.5,0.47950012218695346",
        "1,0.15729920705028513",
        "2,0.0046777349810472658",
        "3,2.2090496998585441e-5",
        "5,1.5374597944280349e-12",
        "-1,1.8427007929497149"
    })
    void erfcMatchesTabulatedValues(double x, double expected) {
        assertThat(Normal.erfc(x)).isCloseTo(expected, within(2e-15 * expected));
    }

    @ParameterizedTest
    @CsvSource({"0,0.5", "1.959963984540054,0.975", "-1.6448536269514722,0.05"})
    void cdfMatchesQuantiles(double z, double p) {
        assertThat(Normal.cdf(z)).isCloseTo(p, within(1e-14));
    }
}
