package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelMergeTest {

    @Test
    void targetIsTheMeanOfTheEliteWeights() {
        FitnessTable t = TruncationSelectionTest.table(new double[] {0.1, 0.9, Double.NaN, 0.5});
        float[][] params = {{0, 0}, {2, 4}, {100, 100}, {4, 0}};
        assertThat(new ModelMerge(0.5, 0.5).target(t, params)).containsExactly(3f, 2f);
        assertThat(new ModelMerge(0.5, 1.0).target(t, params)).containsExactly(2f, 4f / 3);
        float[] theta = {1, 1};
        ModelMerge.pull(theta, new float[] {3, 5}, 0.25);
        assertThat(theta).containsExactly(1.5f, 2f);
    }
}
