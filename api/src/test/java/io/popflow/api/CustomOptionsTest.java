package io.popflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomOptionsTest {
    private final CustomOptions options = new CustomOptions(
            Map.of("links", 2L, "length", 1.5, "name", "acrobot", "book", true, "xs", List.of(1.0, 2L)));

    @Test
    void eachReadGivesItsTypeOrTheFallback() {
        assertThat(options.wholeNumber("links", 0)).isEqualTo(2);
        assertThat(options.number("length", 0)).isEqualTo(1.5);
        assertThat(options.number("links", 0)).as("a whole number is a number").isEqualTo(2.0);
        assertThat(options.text("name", null)).isEqualTo("acrobot");
        assertThat(options.flag("book", false)).isTrue();
        assertThat(options.numbers("xs", null)).containsExactly(1.0, 2.0);
        assertThat(options.number("absent", 7)).isEqualTo(7);
    }

    @Test
    void aValueOfAnotherTypeIsRefusedByName() {
        assertThatThrownBy(() -> options.wholeNumber("length", 0))
                .hasMessage("custom.options.length must be a whole number, got 1.5");
        assertThatThrownBy(() -> options.flag("name", false))
                .hasMessage("custom.options.name must be true or false, got acrobot");
        assertThatThrownBy(() -> options.numbers("name", null))
                .hasMessage("custom.options.name must be a list of numbers, got acrobot");
    }
}
