package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ray's burn-in: before it ends nobody exploits or explores, and a diverged agent still restarts. */
class BurnInTest {
    private static PopulationStep step(int firstExploitGeneration) {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-3, 1e-1, Domain.Scale.LOG, false));
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGD, m, Map.of());
        return new PopulationStep(
                space,
                new TruncationSelection(0.25),
                new PbtExplorer(space, 0.25, new double[] {1.2, 0.8}),
                false,
                FitnessEstimate.last(),
                ModelMerge.off(),
                firstExploitGeneration);
    }

    private static FitnessTable table(int generation) {
        return new FitnessTable(generation, new int[] {0, 1, 2, 3}, new double[] {1, 2, Double.NaN, 4}, new double[][] {
            {0.01}, {0.02}, {0.03}, {0.04}
        });
    }

    @Test
    void duringTheBurnInOnlyTheDivergedAgentRestarts() {
        PopulationStep.Decision d = step(3).decide(table(2), null, new SplittableRandom(1));
        assertThat(d.changes()).singleElement().satisfies(e -> {
            assertThat(e.recipient()).isEqualTo(2);
            assertThat(e.isReset()).isTrue();
        });
        assertThat(step(3).decideOne(table(2), 0, new SplittableRandom(1))).isNull();
        assertThat(step(3).decideOne(table(2), 2, new SplittableRandom(1)).isReset())
                .isTrue();
    }

    @Test
    void afterItTheBottomCopiesTheTop() {
        PopulationStep.Decision d = step(3).decide(table(3), null, new SplittableRandom(1));
        assertThat(d.changes()).extracting(Exploitation::recipient).contains(2);
        assertThat(d.changes()).anyMatch(Exploitation::isCopy);
    }
}
