package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.jobs.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** The first line of a run says in plain words what runs (it used to print a Java record dump). */
class RunBannerTest {

    private static String banner(String preset, String... assignments) {
        return RunBanner.describe(ConfigLoader.parse(ConfigLoader.set(ConfigLoader.set(ConfigLoader.preset(preset),
                "output=unused"), assignments)).population());
    }

    @Test
    void quadraticPreset() {
        assertThat(banner("quadratic")).isEqualTo("popflow: task quadratic (dimension 10, curvature 0.5 to 5.0, signal 1.0, "
                + "noise 0.5); optimizer sgld; selection truncation (quantile 0.25); mutation pbt (resample 0.25, factors "
                + "1.2/0.8); synchronous mode; fitness estimator last; seed 7; population 32; 20 generations of 200 steps; "
                + "parallelism 2");
    }

    @Test
    void digitsWithTheTheorysRules() {
        assertThat(banner("digits", "selection={rule: boltzmann, strength: 2.0}",
                "mutation={kernel: gaussian, diffusion: 0.02, dt: 0.1}", "fitness=window", "mode=asynchronous",
                "generations=0")).isEqualTo("popflow: task digits (MLP 64-64-10 relu, fitness negative-loss); optimizer sgd; "
                + "selection boltzmann (strength 2.0); mutation gaussian (diffusion 0.02, dt 0.1); asynchronous mode; "
                + "fitness estimator window; seed 42; population 16; unbounded (until stopped), 200 steps per generation; "
                + "parallelism 2");
    }
}
