package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.data.Table;
import io.popflow.task.TableTaskSpec;
import org.junit.jupiter.api.Test;

/** What {@code --data} takes a label for, and the line that says so. */
class TableInferenceTest {

    private static Table table(Table.Column label, int rows) {
        double[] x = new double[rows];
        String[] colour = new String[rows];
        int[] lines = new int[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i * 0.5;
            colour[i] = i % 2 == 0 ? "red" : "blue";
            lines[i] = i + 2;
        }
        return new Table(
                "t.csv",
                new String[] {"x", "colour", "y"},
                new Table.Column[] {new Table.Numeric(x), new Table.Text(colour), label},
                lines);
    }

    @Test
    void aTextLabelIsAClassification() {
        TableInference i = TableInference.of(table(new Table.Text(new String[] {"yes", "no", "yes", "maybe"}), 4), 2);
        assertThat(i.target()).isEqualTo(TableTaskSpec.Target.CLASSIFICATION);
        assertThat(i.line())
                .isEqualTo("table: 4 rows, 1 numeric and 1 text features, label 'y': classification, 3 classes");
        assertThat(i.reason()).isEqualTo("its label is text");
    }

    @Test
    void twentyDistinctWholeNumbersAreClassesAndTwentyOneAreNot() {
        double[] twenty = new double[40];
        double[] twentyOne = new double[42];
        for (int i = 0; i < 40; i++) {
            twenty[i] = i % 20;
        }
        for (int i = 0; i < 42; i++) {
            twentyOne[i] = i % 21;
        }
        TableInference classes = TableInference.of(table(new Table.Numeric(twenty), 40), 2);
        assertThat(classes.target()).isEqualTo(TableTaskSpec.Target.CLASSIFICATION);
        assertThat(classes.reason()).isEqualTo("its label holds 20 distinct whole numbers, at most 20");
        TableInference numbers = TableInference.of(table(new Table.Numeric(twentyOne), 42), 2);
        assertThat(numbers.target()).isEqualTo(TableTaskSpec.Target.REGRESSION);
        assertThat(numbers.line()).isEqualTo("table: 42 rows, 1 numeric and 1 text features, label 'y': regression");
        assertThat(numbers.reason()).isEqualTo("its label holds 21 distinct whole numbers, more than 20");
    }

    @Test
    void numbersThatAreNotWholeAreARegressionAndMissingLabelsAreNotCounted() {
        TableInference i = TableInference.of(table(new Table.Numeric(new double[] {1.5, 2, Double.NaN, 3}), 4), 2);
        assertThat(i.target()).isEqualTo(TableTaskSpec.Target.REGRESSION);
        assertThat(i.reason()).isEqualTo("its label holds numbers that are not all whole");
        TableInference classes = TableInference.of(table(new Table.Numeric(new double[] {1, 2, Double.NaN, 1}), 4), 2);
        assertThat(classes.line()).endsWith("classification, 2 classes");
    }
}
