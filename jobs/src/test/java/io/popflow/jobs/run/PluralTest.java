package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void oneIsSingular() {
        assertThat(Plural.of(1, "generation")).isEqualTo("1 generation");
        assertThat(Plural.of(0, "generation")).isEqualTo("0 generations");
        assertThat(Plural.of(20, "generation")).isEqualTo("20 generations");
        assertThat(Plural.of(1, "feature column")).isEqualTo("1 feature column");
        assertThat(Plural.of(2, "copy", "copies")).isEqualTo("2 copies");
        assertThat(Plural.of(1, "copy", "copies")).isEqualTo("1 copy");
    }
}
