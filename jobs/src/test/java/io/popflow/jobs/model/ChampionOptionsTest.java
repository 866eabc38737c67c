package io.popflow.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.option.InvalidOptionException;
import io.popflow.slow.ChampionRule;
import org.junit.jupiter.api.Test;

/**
 * {@code models.every}: on by default where a run never ends and has a model, off where it ends,
 * as set where it can apply, refused in one line where no champion can be chosen.
 */
class ChampionOptionsTest {

    private static PopulationConfig parse(String preset, String... options) {
        String[] all = new String[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = "output=/tmp/x";
        return ConfigLoader.parse(ConfigLoader.set(ConfigLoader.preset(preset), all))
                .population();
    }

    @Test
    void defaults() {
        assertThat(parse("digits").championEvery())
                .as("a run that ends exports its best agent at the end")
                .isZero();
        assertThat(parse("digits", "generations=0").championEvery()).isEqualTo(ChampionRule.CONTINUOUS_DEFAULT);
        assertThat(parse("quadratic", "generations=0").championEvery())
                .as("no model")
                .isZero();
        assertThat(parse("digits", "generations=0", "mode=asynchronous").championEvery())
                .isZero();
        assertThat(parse("es-digits", "generations=0").championEvery()).isZero();
        assertThat(parse("digits", "models.every=3").championEvery()).isEqualTo(3);
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> parse("quadratic", "models.every=2"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "invalid option 'models.every': task quadratic has no model to export: its θ is a point of an "
                                + "analytic function, not a network");
        assertThatThrownBy(() -> parse("digits", "models.every=2", "mode=asynchronous"))
                .hasMessage("invalid option 'models.every': the champion is the best agent of a generation: needs "
                        + "synchronous mode");
        assertThatThrownBy(() -> parse("es-digits", "models.every=2"))
                .hasMessage(
                        "invalid option 'models.every': an evolution strategy's model is its mean, exported when the "
                                + "run ends: models.every applies to selection runs");
        assertThatThrownBy(() -> parse("digits", "models.every=0"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("models.every");
    }

    @Test
    void theRulePublishesTheFirstEveryChangeAndEveryNth() {
        ChampionRule rule = new ChampionRule(5);
        assertThat(rule.publishes(0, 3, -1)).as("the first").isTrue();
        assertThat(rule.publishes(1, 3, 3)).as("the same champion, not yet due").isFalse();
        assertThat(rule.publishes(2, 7, 3)).as("another best agent").isTrue();
        assertThat(rule.publishes(4, 7, 7)).as("the 5th generation").isTrue();
        assertThat(rule.publishes(9, 7, 7)).as("the 10th").isTrue();
        assertThat(rule.publishes(8, 7, 7)).isFalse();
    }
}
