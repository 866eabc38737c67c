package io.popflow.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encoding learns from the training rows only; the parser's inference of column kinds. */
class TableEncodingTest {
    @TempDir
    Path dir;

    private Table read(String content, char delimiter, boolean header) throws Exception {
        return TableParser.read(Files.writeString(dir.resolve("t.csv"), content), delimiter, header);
    }

    @Test
    void numericFeaturesAreStandardisedWithTheTrainingRowsStatistics() throws Exception {
        Table t = read("x,colour,y\n1,red,a\n3,blue,b\n5,red,a\n100,green,b\n", ',', true);
        assertThat(t.columns()[0]).isInstanceOf(Table.Numeric.class);
        assertThat(t.columns()[1]).isInstanceOf(Table.Text.class);
        TableEncoding e = new TableEncoding(t, 2, new String[] {"a", "b"}, new int[] {0, 1, 2});
        // x: training mean 3, sd 2; colours seen in training: red, blue (green never was)
        assertThat(e.width()).isEqualTo(1 + 2);
        Dataset d = e.encode(new int[] {0, 1, 2, 3});
        assertThat(d.feature(0, 0)).isCloseTo(-1f, within(1e-6f));
        assertThat(d.feature(1, 0)).isCloseTo(0f, within(1e-6f));
        assertThat(d.feature(3, 0)).as("a test row far out stays far out").isCloseTo(48.5f, within(1e-4f));
        assertThat(new float[] {d.feature(0, 1), d.feature(0, 2)}).containsExactly(1f, 0f);
        assertThat(new float[] {d.feature(1, 1), d.feature(1, 2)}).containsExactly(0f, 1f);
        assertThat(new float[] {d.feature(3, 1), d.feature(3, 2)})
                .as("an unseen category")
                .containsExactly(0f, 0f);
        assertThat(d.label(0)).isZero();
        assertThat(d.label(3)).isEqualTo(1);
    }

    @Test
    void aRegressionTargetIsStandardisedAndMappedBack() throws Exception {
        Table t = read("x\ty\n1\t10\n2\t20\n3\t30\n", '\t', true);
        TableEncoding e = new TableEncoding(t, 1, null, new int[] {0, 1, 2});
        Dataset d = e.encode(new int[] {0, 1, 2});
        assertThat(d.target(1, 0)).isCloseTo(0f, within(1e-6f));
        assertThat(e.targetOf(d.target(2, 0))).isCloseTo(30.0, within(1e-5));
    }

    @Test
    void anImputedValueIsTheTrainingMeanAndNoHeaderNamesColumnsByNumber() throws Exception {
        Table t = read("2,a,1\n,b,2\n4,,3\n", ',', false);
        assertThat(t.names()).containsExactly("column1", "column2", "column3");
        TableEncoding e = new TableEncoding(t, 2, null, new int[] {0, 1, 2});
        Dataset d = e.encode(new int[] {0, 1, 2});
        assertThat(d.feature(1, 0))
                .as("missing x: the training mean, 0 once standardised")
                .isZero();
        assertThat(new float[] {d.feature(2, 1), d.feature(2, 2)})
                .as("missing text: no category")
                .containsExactly(0f, 0f);
    }
}
