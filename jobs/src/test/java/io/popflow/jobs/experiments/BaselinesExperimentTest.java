package io.popflow.jobs.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.InitialPopulation;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** E4's arms are the configurations they claim to be, at equal agent-steps. */
class BaselinesExperimentTest {
    private static final String PROJECT = BaselinesExperiment.projectFolder().toString();

    @ParameterizedTest
    @EnumSource(BaselinesExperiment.Task.class)
    void everyArmOfATaskHasTheSameBudget(BaselinesExperiment.Task task) {
        long budget = -1;
        for (BaselinesExperiment.Method m : BaselinesExperiment.Method.values()) {
            PopulationConfig c = BaselinesExperiment.config(task, m, 3, false, PROJECT);
            long steps = (long) c.population() * c.generations() * c.perturbationInterval();
            assertThat(budget < 0 || steps == budget).as("%s %s", task, m).isTrue();
            budget = steps;
            assertThat(c.seed()).isEqualTo(3);
            switch (m) {
                case RANDOM -> {
                    assertThat(c.selection().rule()).isEqualTo(SelectionSettings.Rule.NONE);
                    assertThat(c.mutation().kernel()).isEqualTo(MutationSettings.Kernel.NONE);
                    assertThat(c.space().isGrid()).isFalse();
                }
                case GRID -> {
                    assertThat(c.selection().rule()).isEqualTo(SelectionSettings.Rule.NONE);
                    assertThat(c.space().isGrid()).isTrue();
                    assertThat(c.space().gridSize()).isLessThanOrEqualTo(c.population());
                }
                case PBT, POPFLOW, PB2 -> {
                    assertThat(c.selection().rule()).isEqualTo(SelectionSettings.Rule.TRUNCATION);
                    assertThat(c.selection().quantileFraction()).isEqualTo(0.25);
                    assertThat(c.mutation().kernel())
                            .isEqualTo(
                                    m == BaselinesExperiment.Method.PB2
                                            ? MutationSettings.Kernel.PB2
                                            : MutationSettings.Kernel.PBT);
                    assertThat(c.fitness().estimator())
                            .isEqualTo(
                                    m == BaselinesExperiment.Method.POPFLOW
                                            ? FitnessEstimator.POPULATION
                                            : FitnessEstimator.LAST);
                }
            }
        }
    }

    /** Digits at 8 agents: lr, weight decay and batch size get two values each, at the centres of their halves. */
    @Test
    void theGridHalvesEachEntryInItsCoordinate() {
        PopulationConfig grid = BaselinesExperiment.config(
                BaselinesExperiment.Task.DIGITS, BaselinesExperiment.Method.GRID, 1, false, PROJECT);
        assertThat(grid.space().gridSize()).isEqualTo(8);
        List<InitialHyperparameters> seeds = InitialPopulation.draws(grid);
        // lr on a log scale [0.001, 0.5]: centres of the halves of the log range
        double lo = Math.log(0.001);
        double hi = Math.log(0.5);
        assertThat(seeds.get(0).hyperparameters()[0]).isCloseTo(Math.exp(lo + 0.25 * (hi - lo)), within(1e-12));
        assertThat(seeds.get(7).hyperparameters()[0]).isCloseTo(Math.exp(lo + 0.75 * (hi - lo)), within(1e-12));
        // batch_size [8, 16, 32, 64, 128]: index centres 1 and 3 (of 0..4, rounded): 16 and 64
        assertThat(seeds.stream().map(s -> s.hyperparameters()[2]).distinct().sorted())
                .containsExactly(16.0, 64.0);
        assertThat(seeds.stream()
                        .map(s -> java.util.Arrays.toString(s.hyperparameters()))
                        .distinct())
                .hasSize(8);
    }
}
