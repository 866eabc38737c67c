package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each experiment command of docs/experiments.md, as a user types it, at one or two seeds: it ends
 * with 0 and writes its table, its charts and every run's numbers; an unknown name is refused.
 */
class ExperimentCommandITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode run(String name, String seeds, String... charts) throws Exception {
        Path out = dir.resolve(name);
        assertThat(Popflow.run("experiment", name, "--seeds", seeds, "--output", out.toString()))
                .isZero();
        assertThat(Files.readString(out.resolve(name + ".md"))).contains("|---");
        for (String chart : charts) {
            assertThat(out.resolve(chart)).isNotEmptyFile();
        }
        return JSON.readTree(out.resolve(name + ".json").toFile());
    }

    @Test
    void largePopulation() throws Exception {
        JsonNode data = run("large-population", "1", "e1-w1-vs-n.png", "e1-density.png");
        assertThat(data.get("populations")).hasSize(4);
        assertThat(data.get("slope").asDouble()).isNegative();
    }

    @Test
    void multimodal() throws Exception {
        JsonNode data = run("multimodal", "1", "e2-diversity.png", "e2-modes.png");
        assertThat(data.get("runs")).hasSize(9);
    }

    @Test
    void estimators() throws Exception {
        JsonNode data = run("estimators", "2", "e3-reached-quadratic.png");
        assertThat(data.get("quadratic")).hasSize(10); // 5 estimators x 2 seeds
    }

    @Test
    void baselines() throws Exception {
        JsonNode data = run("baselines", "1", "e4-digits.png", "e4-diabetes.png", "e4-cartpole.png");
        for (String task : new String[] {"digits", "diabetes", "cartpole"}) {
            assertThat(data.get(task)).as(task).hasSize(5); // random, grid, pbt, popflow, pb2
        }
    }

    @Test
    void anUnknownExperimentIsRefused() {
        StringWriter err = new StringWriter();
        assertThat(Popflow.run(new PrintWriter(err, true), "experiment", "e5", "--output", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "popflow: invalid option 'experiment': unknown experiment 'e5' "
                                + "(known: large-population, multimodal, estimators, baselines, cartpole, es-cartpole, es-digits)");
    }
}
