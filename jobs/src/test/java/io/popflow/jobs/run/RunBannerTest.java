package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.jobs.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first line of a run says in plain words what runs (it used to print a Java record dump). */
class RunBannerTest {

    private static String banner(String preset, String... assignments) {
        return RunBanner.describe(ConfigLoader.parse(
                        ConfigLoader.set(ConfigLoader.set(ConfigLoader.preset(preset), "output=unused"), assignments))
                .population());
    }

    @Test
    void quadraticPreset() {
        assertThat(banner("quadratic"))
                .isEqualTo("popflow: task quadratic (dimension 10, curvature 0.5 to 5.0, signal 1.0, "
                        + "noise 0.5); optimizer sgld; selection truncation (quantile 0.25); mutation pbt (resample 0.25, factors "
                        + "1.2/0.8); synchronous mode; fitness estimator last; seed 7; population 32; 20 generations of 200 steps; "
                        + "parallelism 2");
    }

    @Test
    void digitsWithTheTheorysRules() {
        assertThat(banner(
                        "digits",
                        "selection={rule: boltzmann, strength: 2.0}",
                        "mutation={kernel: gaussian, diffusion: 0.02, dt: 0.1}",
                        "fitness=window",
                        "mode=asynchronous",
                        "generations=0"))
                .isEqualTo("popflow: task digits (MLP 64-64-10 relu, fitness negative-loss); optimizer sgd; "
                        + "selection boltzmann (strength 2.0); mutation gaussian (diffusion 0.02, dt 0.1); asynchronous mode; "
                        + "fitness estimator window; seed 42; population 16; unbounded (until stopped), 200 steps per generation; "
                        + "parallelism 2");
    }

    @Test
    void aTableWhoseTestPartIsUnder30RowsSaysSoOnTheFirstLine(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i)
                    .append(',')
                    .append(i % 3)
                    .append(',')
                    .append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path f = Files.writeString(dir.resolve("small.csv"), rows.toString());
        assertThat(banner("diabetes", "table.file=" + f, "table.label=y", "table.target=classification"))
                .isEqualTo(
                        "popflow: task table (" + f + ": classification of y, 40 rows, 2 feature columns, classes no, "
                                + "yes; test part 8 rows, under 30: its accuracy moves in steps of 12.5%; MLP hidden 8 tanh); "
                                + "optimizer sgd; selection truncation (quantile 0.25); mutation pbt (resample 0.25, factors "
                                + "1.2/0.8); synchronous mode; fitness estimator last; seed 42; population 16; 60 generations of "
                                + "100 steps; parallelism 2");
        Path diabetes = Path.of("").toAbsolutePath();
        while (!Files.exists(diabetes.resolve("data/diabetes/diabetes.csv"))) {
            diabetes = diabetes.getParent();
        }
        assertThat(banner("diabetes", "table.file=" + diabetes.resolve("data/diabetes/diabetes.csv")))
                .as("442 rows: a test part of 88")
                .doesNotContain("test part");
    }

    /** An evolution strategy's banner lists what the strategy uses, not the DQN settings a member never trains with. */
    @Test
    void esCartpoleListsOnlyWhatTheStrategyUses() {
        assertThat(banner("es-cartpole"))
                .isEqualTo("popflow: task cartpole (episodes cut at 500 steps; greedy policy of a "
                        + "Q-network 4-16-2; fitness mean return of 1 greedy episode); evolution strategy openai_es (σ₀ 0.1); seed 1; "
                        + "40 members; 50 generations; parallelism 2");
    }

    /** With inner steps the members train by DQN, and its replay, target network and loss are listed. */
    @Test
    void esCartpoleWithInnerStepsListsTheDqnSettings() {
        assertThat(banner("es-cartpole", "strategy.inner_steps=10", "strategy.episodes=3"))
                .isEqualTo(
                        "popflow: task cartpole (episodes cut at 500 steps; greedy policy of a Q-network 4-16-2; inner "
                                + "steps by DQN (replay 32, target every 100 steps, mse loss); fitness mean return of 3 greedy "
                                + "episodes); evolution strategy openai_es (σ₀ 0.1, 10 inner adam steps per member); seed 1; 40 members; "
                                + "50 generations; parallelism 2");
    }

    @Test
    void esDigitsIsUnchangedButForItsCounts() {
        assertThat(banner("es-digits", "generations=1"))
                .isEqualTo(
                        "popflow: task digits (MLP 64-64-10 relu, fitness "
                                + "negative-loss); evolution strategy openai_es (σ₀ 0.02); seed 42; 100 members; 1 generation; parallelism 2");
    }

    /** One of a count is singular (it printed "1 generations", "the last 1 episodes"). */
    @Test
    void oneIsSingular() {
        assertThat(banner("cartpole-pbt", "generations=1"))
                .isEqualTo("popflow: task cartpole (episodes cut at 100 steps; "
                        + "DQN, Q-network 64-64, replay 5000, target every 100 steps, mse loss; fitness mean return of the last 1 "
                        + "episode, max rule); optimizer adam; selection truncation (quantile 0.2); mutation gaussian (normalized "
                        + "space, strength 0.1000, clip); synchronous mode; fitness estimator last; seed 0; population 500; 1 "
                        + "generation of 500 steps; parallelism 2");
        assertThat(banner("quadratic", "generations=0", "perturbation_interval=1"))
                .endsWith("unbounded (until stopped), 1 step per generation; parallelism 2");
    }
}
