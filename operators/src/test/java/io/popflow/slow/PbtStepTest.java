package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.math.SplitMix64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PbtStepTest {
    private final HyperparameterSpace space = Spaces.lrAndBatch();
    private final PbtStep step = new PbtStep(space, new TruncationSelection(0.25),
            new PbtExplorer(space, 0.25, new double[] {1.2, 0.8}));

    @Test
    void recipientsInheritExploredDonorHyperparameters() {
        FitnessTable table = TruncationSelectionTest.table(new double[] {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6});
        List<Exploitation> decisions = step.decide(table, new SplitMix64(7));
        assertThat(decisions).extracting(Exploitation::recipient).containsExactly(2, 6);
        for (Exploitation e : decisions) {
            assertThat(e.donor()).isIn(1, 5);
            assertThat(e.oldH()).containsExactly(table.hyperparameters()[e.recipient()]);
            assertThat(space.contains(e.newH())).isTrue();
            assertThat(e.operations()).hasSize(2);
        }
    }

    @Test
    void everyoneRestartsWhenNothingHealthyIsLeft() {
        FitnessTable table = TruncationSelectionTest.table(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        List<Exploitation> decisions = step.decide(table, new SplitMix64(7));
        assertThat(decisions).hasSize(4).allMatch(Exploitation::isReset);
        assertThat(decisions).allMatch(e -> space.contains(e.newH()));
    }

    @Test
    void decisionsAreAFunctionOfTableAndStream() {
        FitnessTable table = TruncationSelectionTest.table(new double[] {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6});
        List<Exploitation> a = step.decide(table, new SplitMix64(3));
        List<Exploitation> b = step.decide(table, new SplitMix64(3));
        assertThat(a).usingRecursiveFieldByFieldElementComparator().isEqualTo(b);
    }
}
