package io.popflow.jobs.serving;

import static io.popflow.jobs.serving.PredictRefusalsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow predict} with models whose outputs are known in closed form (see {@link HandMadeModels}):
 * the probabilities, labels, line numbers and the accuracy line match the formula's.
 */
class PredictHandMadeModelTest {
    @TempDir
    Path dir;

    /** P(b) = sigmoid(w*x + y + 2*red - 2*green), the softmax of [0, that]. */
    private static double pB(double w, double x, double y, String colour) {
        double z = w * x + y + ("red".equals(colour) ? 2 : "green".equals(colour) ? -2 : 0);
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void classificationWithQuotesBlankLinesAndTheLabel() throws Exception {
        Path model = HandMadeModels.tableClassifier(dir, "m", 0.5f, "impute");
        // semicolons, a quoted value, a blank line (its line still counts), columns in another order
        Path data = Files.writeString(dir.resolve("data.csv"), "colour;species;x;y\n\"red\";b;1;0.5\n\ngreen;a;4;-1\n"
                + "green;b;2;NA\nred;a;-10;1\n");
        Path out = dir.resolve("p.csv");
        String err = run(0, model.toString(), data.toString(), "--output", out.toString());
        assertThat(err).isEqualTo("predict: accuracy 0.7500 (3 of 4) over 4 rows with a 'species'" + System.lineSeparator());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("line,label,p_a,p_b");
        double[][] rows = {{2, 1, 0.5}, {4, 4, -1}, {5, 2, 0}, {6, -10, 1}};
        String[] colours = {"red", "green", "green", "red"};
        for (int i = 0; i < rows.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            double p = pB(0.5, rows[i][1], rows[i][2], colours[i]);
            assertThat(Integer.parseInt(cells[0])).isEqualTo((int) rows[i][0]);
            assertThat(cells[1]).isEqualTo(p > 0.5 ? "b" : "a");
            assertThat(Double.parseDouble(cells[2])).isCloseTo(1 - p, within(1e-6));
            assertThat(Double.parseDouble(cells[3])).isCloseTo(p, within(1e-6));
        }
    }

    @Test
    void qNetworkWithoutAHeader() throws Exception {
        Path model = HandMadeModels.qNetwork(dir, "q", 2f);
        Path data = Files.writeString(dir.resolve("obs.tsv"), "1\t0.25\n0.5\t1\n");
        Path out = dir.resolve("q.csv");
        Files.writeString(dir.resolve("q.json"), Files.readString(dir.resolve("q.json"))
                .replace("\"position\"", "\"column1\"").replace("\"velocity\"", "\"column2\""));
        assertThat(run(0, model.toString(), data.toString(), "--output", out.toString(), "--no-header")).isEmpty();
        assertThat(Files.readAllLines(out)).containsExactly("line,action,q_0,q_1", "1,0,1.0,0.5", "2,1,0.5,2.0");
    }
}
