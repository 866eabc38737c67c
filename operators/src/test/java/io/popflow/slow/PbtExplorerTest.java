package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PbtExplorerTest {
    private final HyperparameterSpace space = Spaces.lrAndBatch();

    @Test
    void perturbsByOneOfTheFactors() {
        PbtExplorer explorer = new PbtExplorer(space, 0.0, new double[] {1.2, 0.8});
        SplitMix64 rng = new SplitMix64(4);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Mutated e = explorer.mutate(new double[] {0.1, 32}, rng);
            double lr = e.hyperparameters()[0];
            assertThat(lr == 0.1 * 1.2 || lr == 0.1 * 0.8).as("lr %s", lr).isTrue();
            assertThat(e.operations()[0]).isEqualTo(lr > 0.1 ? "lr * 1.2" : "lr * 0.8");
            seen.merge(e.operations()[0], 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys("lr * 1.2", "lr * 0.8");
    }

    @Test
    void perturbedValuesAreClippedToTheBounds() {
        PbtExplorer explorer = new PbtExplorer(space, 0.0, new double[] {10.0});
        Mutated e = explorer.mutate(new double[] {0.3, 32}, new SplitMix64(1));
        assertThat(e.hyperparameters()[0]).isEqualTo(0.5);
        assertThat(e.operations()[0]).isEqualTo("lr * 10 (clipped to 0.5)");
        e = new PbtExplorer(space, 0.0, new double[] {1e-4}).mutate(new double[] {0.3, 32}, new SplitMix64(1));
        assertThat(e.hyperparameters()[0]).isEqualTo(1e-3);
    }

    /** A choice moves to a neighbouring entry, left or right with equal chance, and stays put at an end. */
    @Test
    void categoricalValuesShiftToANeighbour() {
        PbtExplorer explorer = new PbtExplorer(space, 0.0, new double[] {1.2, 0.8});
        SplitMix64 rng = new SplitMix64(8);
        Map<Double, Integer> from32 = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            from32.merge(explorer.mutate(new double[] {0.1, 32}, rng).hyperparameters()[1], 1, Integer::sum);
        }
        assertThat(from32).containsOnlyKeys(16.0, 64.0);
        // Binomial(2000, 1/2): standard deviation 22.4; 5 SD
        assertThat(from32.get(16.0)).isCloseTo(1000, within(112));
        for (int i = 0; i < 50; i++) {
            Mutated e = explorer.mutate(new double[] {0.1, 128}, rng);
            assertThat(e.hyperparameters()[1]).isIn(64.0, 128.0);
            if (e.hyperparameters()[1] == 128.0) {
                assertThat(e.operations()[1]).isEqualTo("batch_size shift right (noop)");
            }
        }
    }

    /**
     * Resampling happens with the given probability, independently per hyperparameter, and draws
     * from the domain: over 10,000 explorations the count is Binomial(10000, 0.25), SD 43.3; 5 SD.
     */
    @Test
    void resamplesWithTheGivenProbabilityInsideTheDomain() {
        PbtExplorer explorer = new PbtExplorer(space, 0.25, new double[] {1.2, 0.8});
        SplitMix64 rng = new SplitMix64(21);
        int resampled = 0;
        for (int i = 0; i < 10_000; i++) {
            Mutated e = explorer.mutate(new double[] {0.1, 32}, rng);
            assertThat(space.contains(e.hyperparameters())).isTrue();
            if (e.operations()[0].equals("lr resample")) {
                resampled++;
            }
        }
        assertThat(resampled).isCloseTo(2500, within(217));
    }

    /** Whole-number hyperparameters stay whole after a factor (rounded to nearest, then clipped). */
    @Test
    void integerTypeIsKept() {
        HyperparameterSpace ints = Spaces.integerBatch();
        PbtExplorer explorer = new PbtExplorer(ints, 0.3, new double[] {1.2, 0.8, 1.5});
        SplitMix64 rng = new SplitMix64(2);
        double v = 7;
        for (int i = 0; i < 1000; i++) {
            v = explorer.mutate(new double[] {v}, rng).hyperparameters()[0];
            assertThat(v).isEqualTo(Math.rint(v)).isBetween(1.0, 10.0);
        }
    }

    @Test
    void explorationIsAFunctionOfTheStream() {
        PbtExplorer explorer = new PbtExplorer(space, 0.25, new double[] {1.2, 0.8});
        Mutated a = explorer.mutate(new double[] {0.1, 32}, new SplitMix64(99));
        Mutated b = explorer.mutate(new double[] {0.1, 32}, new SplitMix64(99));
        assertThat(a.hyperparameters()).containsExactly(b.hyperparameters());
        assertThat(a.operations()).containsExactly(b.operations());
    }
}
