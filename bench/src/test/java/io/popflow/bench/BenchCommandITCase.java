package io.popflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow bench --quick} end to end: every figure is measured and written. Whether a target
 * is met is the benchmark's answer, not the test's: speed on a shared CI machine is not asserted.
 */
class BenchCommandITCase {
    @TempDir
    Path dir;

    @Test
    void quickBenchWritesEveryFigureWithAFiniteValue() throws Exception {
        int code = Popflow.run("bench", "--quick", "--output", dir.toString());

        assertThat(code).isZero();
        JsonNode figures =
                new ObjectMapper().readTree(dir.resolve(BenchCommand.FILE).toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode f : figures) {
            names.add(f.get("name").asText());
            assertThat(f.get("value").isNumber()
                            && Double.isFinite(f.get("value").asDouble()))
                    .as("%s", f)
                    .isTrue();
            assertThat(f.has("unit") && f.has("target") && f.has("met"))
                    .as("%s", f)
                    .isTrue();
        }
        assertThat(names)
                .hasSize(14)
                .anySatisfy(n -> assertThat(n).startsWith("pipeline agent-steps/s"))
                .anySatisfy(n -> assertThat(n).startsWith("custom Objective agent-steps/s"))
                .anySatisfy(n -> assertThat(n).startsWith("wide-MLP"))
                .anySatisfy(n -> assertThat(n).startsWith("small-MLP"))
                .anySatisfy(n -> assertThat(n).startsWith("memory per agent"))
                .anySatisfy(n -> assertThat(n).startsWith("in-JVM feedback"))
                .anySatisfy(n -> assertThat(n).startsWith("Kafka feedback"))
                .contains(
                        "DQN step at batch 32: PyTorch (authors) time / popflow time",
                        "DQN step at batch 64: PyTorch (authors) time / popflow time",
                        "DQN step at batch 128: PyTorch (authors) time / popflow time");
        for (String batch : new String[] {"32", "64", "128"}) {
            JsonNode dqn = figures.get(
                    names.indexOf("DQN step at batch " + batch + ": PyTorch (authors) time / popflow time"));
            assertThat(dqn.at("/details/flops").asDouble()).isEqualTo(36_108.0 * Integer.parseInt(batch));
        }
        // the ES feedback edge carries the same bytes for both network sizes, even at the quick size
        JsonNode esRatio = figures.get(names.indexOf("ES feedback bytes per generation, d = 19210 / d = 4810"));
        assertThat(esRatio.get("value").asDouble()).isEqualTo(1.0);
        assertThat(names).anySatisfy(n -> assertThat(n).startsWith("ES members evaluated per second"));
        JsonNode largest = figures.get(names.indexOf("largest population run"));
        assertThat(largest.get("value").asInt()).isEqualTo(1000);
        assertThat(largest.get("met").asBoolean())
                .as("every report of the 1,000-agent run arrived")
                .isTrue();
        JsonNode objective =
                figures.get(names.indexOf("custom Objective agent-steps/s / built-in task agent-steps/s (quadratic)"));
        assertThat(objective.at("/details/machine/cpu_model").asText()).isNotBlank();
    }

    @Test
    void onlyMeasuresTheGroupsItNames() throws Exception {
        int code = Popflow.run("bench", "--quick", "--only", "objective", "--output", dir.toString());

        assertThat(code).isZero();
        JsonNode figures =
                new ObjectMapper().readTree(dir.resolve(BenchCommand.FILE).toFile());
        assertThat(figures).hasSize(1);
        assertThat(figures.get(0).get("name").asText())
                .isEqualTo("custom Objective agent-steps/s / built-in task agent-steps/s (quadratic)");
        assertThat(figures.get(0).at("/details/paired_ratios/iterations").asInt())
                .isEqualTo(1);
    }
}
