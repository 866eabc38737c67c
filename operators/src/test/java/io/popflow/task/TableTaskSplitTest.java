package io.popflow.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.math.RandomStreams;
import io.popflow.model.Activation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A classification's split keeps each class's share in every part; the split is a function of the seed. */
class TableTaskSplitTest {
    private static TableTaskSpec spec() {
        int n = 40;
        double[] x = new double[n];
        String[] y = new String[n];
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i < 30 ? "common" : "rare";
            lines[i] = i + 2;
        }
        Table t = new Table(
                "t.csv", new String[] {"x", "y"}, new Table.Column[] {new Table.Numeric(x), new Table.Text(y)}, lines);
        return new TableTaskSpec(
                t,
                1,
                TableTaskSpec.Target.CLASSIFICATION,
                TableTaskSpec.Missing.REFUSE,
                new int[] {4},
                Activation.RELU,
                0.6,
                0.2,
                FitnessMetric.ACCURACY);
    }

    private static long rare(TableTaskSpec s, int[] rows) {
        return Arrays.stream(rows)
                .filter(r -> TableEncoding.labelText(s.table(), 1, r).equals("rare"))
                .count();
    }

    @Test
    void stratifiedAndSeeded() {
        TableTaskSpec s = spec();
        int[][] parts = TableTask.split(s, RandomStreams.DATA_SPLIT.generator(5));
        assertThat(parts[0]).hasSize(24);
        assertThat(parts[1]).hasSize(8);
        assertThat(parts[2]).hasSize(8);
        assertThat(rare(s, parts[0])).isEqualTo(6);
        assertThat(rare(s, parts[1])).isEqualTo(2);
        assertThat(rare(s, parts[2])).isEqualTo(2);
        assertThat(TableTask.split(s, RandomStreams.DATA_SPLIT.generator(5))).isDeepEqualTo(parts);
        assertThat(TableTask.split(s, RandomStreams.DATA_SPLIT.generator(6))[0]).isNotEqualTo(parts[0]);
        assertThat(s.classes()).containsExactly("common", "rare");
    }
}
