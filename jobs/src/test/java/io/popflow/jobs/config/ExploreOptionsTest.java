package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.agent.AgentReport;
import io.popflow.config.PopulationConfig;
import io.popflow.loop.PlainPopulationLoop;
import io.popflow.slow.LineOfDescent;
import io.popflow.slow.LineageEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ray users' knobs from the configuration: a burn-in before any exploit, a custom explore class, and
 * PB2; each run as the job runs it (the plain loop), and each misuse refused by name.
 */
class ExploreOptionsTest {

    private static PopulationConfig quadratic(String... options) {
        String[] all = new String[options.length + 1];
        all[0] = "output=unused";
        System.arraycopy(options, 0, all, 1, options.length);
        return ConfigLoader.parse(ConfigLoader.set(ConfigLoader.preset("quadratic"), all))
                .population();
    }

    @Test
    void nobodyExploitsBeforeTheBurnIn() throws Exception {
        // 200 steps a generation: 500 steps are reached at the end of generation 2
        PopulationConfig config = quadratic("population=8", "generations=6", "burn_in=500");
        PlainPopulationLoop.Result run = new PlainPopulationLoop(config, 2).run();
        assertThat(run.lineage()).isNotEmpty().allMatch(e -> e.generation() >= 2);
        assertThat(run.lineage()).anyMatch(e -> e.generation() == 2);
    }

    @Test
    void aCustomClassExplores() throws Exception {
        PopulationConfig config = quadratic(
                "population=8",
                "generations=4",
                "mutation={kernel: custom, class: io.popflow.jobs.config.HalvingExplorer}");
        PlainPopulationLoop.Result run = new PlainPopulationLoop(config, 2).run();
        Map<Long, AgentReport> reports = new HashMap<>();
        run.reports().forEach(r -> reports.put(LineOfDescent.key(r.generation(), r.agent()), r));
        assertThat(run.lineage()).isNotEmpty();
        for (LineageEvent e : run.lineage()) {
            double[] donorH =
                    reports.get(LineOfDescent.key(e.generation(), e.donor())).hyperparameters();
            for (int i = 0; i < donorH.length; i++) {
                assertThat(e.newHyperparameters()[i])
                        .isEqualTo(config.space()
                                .domain(i)
                                .fromCoordinate(config.space().domain(i).coordinate(donorH[i] / 2)));
            }
            assertThat(e.operations()).contains("weight_decay halved");
        }
    }

    @Test
    void customClassesAreCheckedBeforeAnyRun() {
        assertThatThrownBy(() -> quadratic("mutation={kernel: custom, class: com.example.Nope}"))
                .hasMessage("invalid option 'mutation.class': no class com.example.Nope on the class path");
        assertThatThrownBy(() -> quadratic("mutation={kernel: custom, class: java.lang.String}"))
                .hasMessage(
                        "invalid option 'mutation.class': java.lang.String does not implement io.popflow.slow.MutationKernel");
        assertThatThrownBy(() -> quadratic("mutation=custom"))
                .hasMessage("invalid option 'mutation.class': must name the class of mutation: custom");
        assertThatThrownBy(() -> quadratic("mutation={kernel: pbt, class: io.popflow.jobs.config.HalvingExplorer}"))
                .hasMessage("invalid option 'mutation.class': does not apply to mutation pbt (only to custom)");
    }

    @Test
    void pb2ChoosesFromItsBanditOnceItHasData() throws Exception {
        PopulationConfig config = quadratic("population=8", "generations=5", "mutation=pb2");
        PlainPopulationLoop.Result run = new PlainPopulationLoop(config, 2).run();
        assertThat(run.lineage()).isNotEmpty();
        // generation 0 has no change to learn from yet: the donor's h is kept; from generation 1 the GP chooses
        assertThat(run.lineage())
                .filteredOn(e -> e.generation() == 0)
                .allMatch(e -> e.operations()[0].startsWith("pb2: too few observations"));
        assertThat(run.lineage())
                .filteredOn(e -> e.generation() >= 1)
                .isNotEmpty()
                .allMatch(e -> e.operations()[0].startsWith("weight_decay pb2 "));
        assertThat(run.lineage()).allMatch(e -> config.space().contains(e.newHyperparameters()));
    }

    @Test
    void aGridLaysOutGenerationZero() {
        PopulationConfig config = quadratic(
                "population=8",
                "initial_population=grid",
                "hyperparam_mutations.weight_decay.initial=[0.01, 0.1]",
                "hyperparam_mutations.temperature.initial=[0.001, 0.01, 0.1]");
        assertThat(io.popflow.agent.InitialPopulation.draws(config))
                .extracting(d -> java.util.Arrays.toString(d.hyperparameters()))
                .containsExactly(
                        "[0.01, 0.001]",
                        "[0.01, 0.01]",
                        "[0.01, 0.1]",
                        "[0.1, 0.001]",
                        "[0.1, 0.01]",
                        "[0.1, 0.1]",
                        "[0.01, 0.001]",
                        "[0.01, 0.01]");
        assertThatThrownBy(
                        () -> quadratic("initial_population=grid", "hyperparam_mutations.weight_decay.initial=[0.01]"))
                .hasMessage("invalid option 'initial_population': grid needs a list of values for every entry: give "
                        + "hyperparam_mutations.temperature.initial");
    }

    @Test
    void pb2NeedsSynchronousGenerations() {
        assertThatThrownBy(() -> quadratic("mutation=pb2", "mode=asynchronous"))
                .hasMessage(
                        "invalid option 'mutation.kernel': pb2 fits its bandit to whole generations: needs synchronous mode");
        assertThatThrownBy(() -> quadratic("mutation={kernel: pb2, window: 1}"))
                .hasMessageStartingWith("invalid option 'mutation.window': must be in [2, 2000]");
    }
}
