package io.popflow.jobs.serving;

import static io.popflow.jobs.serving.PredictRefusalsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.cli.Popflow;
import io.popflow.config.PopulationConfig;
import io.popflow.data.Dataset;
import io.popflow.data.Table;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.model.RunModels;
import io.popflow.jobs.run.RunFolder;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.TableTaskSpec;
import io.popflow.testing.ModelRows;
import io.popflow.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs, then {@code popflow predict RUN/models/best.onnx} on the run's test rows as a user
 * holds them (the lines of the training file, or for digits the rows without a header): the
 * accuracy or R² it prints is the one in the run's {@code summary.json}.
 */
class PredictRunITCase {
    private static final Pattern ACCURACY = Pattern.compile("predict: accuracy [0-9.]+ \\((\\d+) of (\\d+)\\) over ");
    private static final Pattern R2 = Pattern.compile("predict: R² (-?[0-9.]+), MAE ");

    @TempDir
    Path dir;

    @Test
    void aTableWithATextFeatureAndATextLabel() throws Exception {
        Path csv = ModelRows.animals(dir.resolve("animals.csv"), 300);
        Path run = train(
                "--preset",
                "diabetes",
                "--set",
                "table.file=" + csv,
                "--set",
                "table.label=kind",
                "--set",
                "table.target=classification");
        TableTaskSpec task = (TableTaskSpec) config(run).task();
        int[] test = task.parts(config(run).seed())[2];
        Path rows = PredictExportedModelTest.linesOf(csv, task.table(), test, dir.resolve("test.csv"));
        Matcher m = ACCURACY.matcher(run(
                0,
                RunModels.bestModel(run).toString(),
                rows.toString(),
                "--output",
                dir.resolve("p.csv").toString()));
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(2)))
                .isEqualTo(test.length)
                .isEqualTo(summaryTest(run).get("rows").asInt());
        assertThat(Double.parseDouble(m.group(1)) / test.length)
                .isEqualTo(summaryTest(run).get("accuracy").asDouble());
    }

    @Test
    void theDiabetesRegression() throws Exception {
        Path csv = TestData.diabetesCsv();
        Path run = train("--preset", "diabetes", "--set", "table.file=" + csv);
        TableTaskSpec task = (TableTaskSpec) config(run).task();
        int[] test = task.parts(config(run).seed())[2];
        Path rows = PredictExportedModelTest.linesOf(csv, task.table(), test, dir.resolve("test.csv"));
        Path out = dir.resolve("p.csv");
        Matcher m =
                R2.matcher(run(0, RunModels.bestModel(run).toString(), rows.toString(), "--output", out.toString()));
        assertThat(m.find()).isTrue();
        double r2 = summaryTest(run).get("r2").asDouble();
        assertThat(m.group(1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", r2));
        // and to more digits, from the predictions written (floats: 1e-5 of the target's deviation each)
        double[] y = ((Table.Numeric) task.table().columns()[task.label()]).values();
        List<String> lines = Files.readAllLines(out);
        double mean = 0;
        for (int r : test) {
            mean += y[r] / test.length;
        }
        double residual = 0;
        double total = 0;
        for (int i = 0; i < test.length; i++) {
            double predicted = Double.parseDouble(lines.get(i + 1).split(",")[1]);
            residual += (y[test[i]] - predicted) * (y[test[i]] - predicted);
            total += (y[test[i]] - mean) * (y[test[i]] - mean);
        }
        assertThat(1 - residual / total).isCloseTo(r2, within(1e-6));
    }

    @Test
    void digitsWithoutAHeader() throws Exception {
        Path run = train("--preset", "digits");
        Dataset test =
                ((DigitsTaskSpec) config(run).task()).split(config(run).seed()).test();
        StringBuilder file = new StringBuilder();
        for (int r = 0; r < test.size(); r++) {
            for (int c = 0; c < test.features(); c++) {
                file.append(Math.round(test.feature(r, c) * 16)).append(',');
            }
            file.append(test.label(r)).append('\n');
        }
        Path rows = Files.writeString(dir.resolve("digits-test.csv"), file);
        Matcher m = ACCURACY.matcher(run(
                0,
                RunModels.bestModel(run).toString(),
                rows.toString(),
                "--no-header",
                "--output",
                dir.resolve("p.csv").toString()));
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1)) / test.size())
                .isEqualTo(summaryTest(run).get("accuracy").asDouble());
    }

    /** A short run (4 agents, 3 generations) of {@code args}; its folder. */
    private Path train(String... args) {
        Path out = dir.resolve("run-" + System.nanoTime());
        List<String> all = new java.util.ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        all.addAll(List.of("--set", "generations=3", "--set", "population=4", "--output", out.toString(), "--quiet"));
        assertThat(Popflow.run(all.toArray(new String[0]))).isZero();
        return out;
    }

    private static PopulationConfig config(Path run) {
        return ConfigLoader.parse(ConfigLoader.file(run.resolve(RunFolder.CONFIG_FILE)))
                .population();
    }

    private static JsonNode summaryTest(Path run) throws Exception {
        return ExportedPairs.JSON
                .readTree(run.resolve(RunSummary.FILE).toFile())
                .get("test");
    }
}
