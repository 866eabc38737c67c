package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import java.nio.file.Path;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every selection rule, mutation kernel, estimator and merging, configured as a user would, runs
 * in the job: each agent reports every generation, acts on one directive per generation and one
 * weight copy per copy in the lineage, and every hyperparameter stays in its domain.
 */
class SlowDynamicsFamilyITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "selection=tournament",
                "selection={rule: boltzmann, strength: 2}|mutation={kernel: gaussian, diffusion: 0.05}",
                "selection={rule: moran, strength: 1, events: 6}|mutation=gaussian|mutation.diffusion=0.02",
                "selection=none|mutation={kernel: gaussian, diffusion: 0.01, dt: 1, everyone: true}",
                "merge={strength: 0.5, elite: 0.25}",
                "selection={rule: boltzmann, strength: 1}|merge={strength: 0.3}",
                "fitness={estimator: window, window: 0.5, every: 2}",
                "fitness={estimator: ema, ema: 0.7}",
                "fitness=population",
                "fitness=closed_form",
            })
    void runsWithEveryDecisionActedOnOnce(String options) throws Exception {
        String[] assignments = (options + "|population=10|generations=5|perturbation_interval=40|parallelism=2"
                        + "|checkpoint_interval=100ms")
                .split("\\|");
        PopulationConfig config = JobRuns.config("quadratic", assignments);
        JobRuns.Outputs out = JobRuns.run(config, dir);

        assertThat(out.reports()).hasSize(config.population() * config.generations());
        JobRuns.assertEveryDecisionActedOnOnce(out, config);
        assertThat(out.reports()).allMatch(r -> !r.get("true_fitness").isNull());
    }
}
