package io.popflow.jobs.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartPoleExperimentTest {
    @TempDir
    Path dir;

    /** The two arms differ by the population update only: same task, agents, seed and agent-steps. */
    @Test
    void theArmsDifferOnlyByThePopulationUpdate() {
        PopulationConfig pbt = CartPoleExperiment.config(5, 3, CartPoleExperiment.Arm.PBT, 40, dir);
        PopulationConfig none = CartPoleExperiment.config(5, 3, CartPoleExperiment.Arm.NONE, 40, dir);
        assertThat(((ControlTaskSpec) pbt.task()).episodes()).isEqualTo(5);
        assertThat(pbt.seed()).isEqualTo(3);
        assertThat(pbt.population()).isEqualTo(40);
        assertThat(pbt.selection().rule()).isEqualTo(SelectionSettings.Rule.TRUNCATION);
        assertThat(none.selection().rule()).isEqualTo(SelectionSettings.Rule.NONE);
        assertThat(none.mutation().kernel()).isEqualTo(MutationSettings.Kernel.NONE);
        assertThat(none.task()).isEqualTo(pbt.task());
        assertThat(none.space().names()).containsExactly(pbt.space().names());
        assertThat((long) none.population() * none.generations() * none.perturbationInterval())
                .isEqualTo((long) pbt.population() * pbt.generations() * pbt.perturbationInterval());
    }

    /** Median and the extreme seeds, per generation and arm; a generation no agent finished an episode in is n/a. */
    @Test
    void tablesGiveTheMedianAndTheExtremeSeeds() {
        List<CartPoleExperiment.Run> runs = List.of(
                run(1, CartPoleExperiment.Arm.PBT, 10, 90), run(2, CartPoleExperiment.Arm.PBT, 30, 100),
                run(3, CartPoleExperiment.Arm.PBT, 20, 95), run(1, CartPoleExperiment.Arm.NONE, 10, 50),
                run(2, CartPoleExperiment.Arm.NONE, 30, Double.NaN), run(3, CartPoleExperiment.Arm.NONE, 20, 70));
        String table = ExperimentReport.tables(runs);
        assertThat(table)
                .contains(
                        "k = 2 (3 seeds",
                        "| 1 | 20.0 [10.0, 30.0] | 21.0 [11.0, 31.0] | 20.0 [10.0, 30.0] |",
                        "| 2 | 95.0 [90.0, 100.0] | 96.0 [91.0, 101.0] | 60.0 [50.0, 70.0] | 61.0 [51.0, 71.0] |",
                        "agent-steps per run: 1,000 (both arms)");
    }

    private static CartPoleExperiment.Run run(long seed, CartPoleExperiment.Arm arm, double first, double second) {
        return new CartPoleExperiment.Run(
                2, seed, arm, new double[] {first, second}, new double[] {first + 1, second + 1}, 1_000, 1);
    }
}
