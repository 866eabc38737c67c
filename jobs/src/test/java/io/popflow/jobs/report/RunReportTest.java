package io.popflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The density heatmap carries the reduced equation's prediction exactly for the runs the equation
 * describes (read from the run's config.yaml), and the page a following report writes reloads itself.
 */
class RunReportTest {
    @TempDir
    Path run;

    /** A run folder of 3 generations of 4 agents with h = {@code name}, made by hand. */
    private void runFolder(String name, String config) throws Exception {
        Files.writeString(run.resolve("config.yaml"), config);
        StringBuilder reports = new StringBuilder();
        StringBuilder generations = new StringBuilder();
        for (int g = 0; g < 3; g++) {
            for (int a = 0; a < 4; a++) {
                reports.append(String.format(
                        "{\"agent\":%d,\"generation\":%d,\"hyperparameters\":{\"%s\":%s}," + "\"fitness\":%d}%n",
                        a, g, name, 0.1 * (a + 1), -a));
            }
            generations.append(String.format(
                    "{\"generation\":%d,\"best_agent\":0,\"fitness\":{\"max\":0,\"q75\":-1,"
                            + "\"median\":-1.5,\"q25\":-2}}%n",
                    g));
        }
        Files.writeString(run.resolve("reports.jsonl"), reports);
        Files.writeString(run.resolve("generations.jsonl"), generations);
    }

    private XYPlot densityPlot(String name) throws Exception {
        List<JsonNode> generations = JsonLines.read(run.resolve("generations.jsonl"));
        return RunReport.charts(run, generations).stream()
                .filter(c -> c.file().equals("density-" + name + ".png"))
                .findFirst()
                .orElseThrow()
                .chart()
                .getXYPlot();
    }

    @Test
    void theSphereLandscapesDensityCarriesThePrediction() throws Exception {
        runFolder("x0", """
                task: landscape
                output: out
                optimizer: sgld
                hyperparameters: {lr: 0.1, temperature: 0.001}
                hyperparam_mutations: {x0: {min: -2, max: 2}}
                landscape: {function: sphere, dimension: 1, sharpness: 2, center: [0.5]}
                selection: {rule: boltzmann, strength: 0.1}
                mutation: {kernel: gaussian, diffusion: 0.02}
                """);
        XYDataset predicted = densityPlot("x0").getDataset(1);
        assertThat(predicted.getSeriesCount()).isEqualTo(3);
        assertThat((Object) predicted.getSeriesKey(0)).isEqualTo("reduced equation: median");
        assertThat(predicted.getItemCount(0)).isEqualTo(3);
        // generation 0 is uniform on [-2, 2]: median 0, 10 % at -1.6
        assertThat(predicted.getYValue(0, 0)).isCloseTo(0, within(1e-9));
        assertThat(predicted.getYValue(1, 0)).isCloseTo(-1.6, within(1e-9));
        assertThat(predicted.getYValue(0, 2))
                .as("selection moves it toward the centre")
                .isGreaterThan(0.2);
    }

    @Test
    void aPbtRunsDensityHasNone() throws Exception {
        ConfigLoader.writeYaml(ConfigLoader.set(ConfigLoader.preset("digits"), "output=out"), run.resolve("pbt.yaml"));
        runFolder("lr", Files.readString(run.resolve("pbt.yaml")));
        assertThat(densityPlot("lr").getDatasetCount()).isEqualTo(1);
    }

    @Test
    void aFollowedReportReloadsItself() throws Exception {
        ConfigLoader.writeYaml(ConfigLoader.set(ConfigLoader.preset("digits"), "output=out"), run.resolve("pbt.yaml"));
        runFolder("lr", Files.readString(run.resolve("pbt.yaml")));
        assertThat(Files.readString(RunReport.write(run, 15))).contains("<meta http-equiv=\"refresh\" content=\"15\">");
        assertThat(Files.readString(RunReport.write(run))).doesNotContain("http-equiv");
    }

    /** The header says the final test in words, not summary.json's test object. */
    @Test
    void theHeaderSaysTheFinalTest() throws Exception {
        ConfigLoader.writeYaml(ConfigLoader.set(ConfigLoader.preset("digits"), "output=out"), run.resolve("pbt.yaml"));
        runFolder("lr", Files.readString(run.resolve("pbt.yaml")));
        assertThat(Files.readString(RunReport.write(run)))
                .contains("<p>3 generations; no final test yet: the run has not ended</p>");
        Files.writeString(
                run.resolve("summary.json"),
                "{\"test\": {\"loss\": 0.05, \"accuracy\": 0.98611, \"rows\": 360, " + "\"notice\": null}}");
        assertThat(Files.readString(RunReport.write(run)))
                .contains("<p>3 generations; test accuracy 98.6 % on 360 rows</p>")
                .doesNotContain("&quot;accuracy&quot;");
    }
}
