package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.JsonLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow export}: any agent of a finished run's final population as a model that ONNX
 * Runtime loads, and one line with exit code 2 for what it cannot export, before anything is written.
 */
class ExportCommandITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path run;

    @BeforeAll
    static void train() {
        run = dir.resolve("digits");
        assertThat(Popflow.run(
                        "train",
                        "--preset",
                        "digits",
                        "--set",
                        "generations=2",
                        "--set",
                        "population=4",
                        "--output",
                        run.toString(),
                        "--quiet"))
                .isZero();
    }

    @Test
    void anyAgentOfTheFinalPopulation() throws Exception {
        assertThat(Popflow.run("export", run.toString(), "--agent", "2")).isZero();
        Path model = run.resolve("models/agent-2.onnx");
        JsonNode d = JSON.readTree(run.resolve("models/agent-2.json").toFile());
        JsonNode finalAgent = JsonLines.read(run.resolve(JobSinks.FINAL_AGENTS_FILE)).stream()
                .filter(a -> a.get("agent").asInt() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(d.get("agent").asInt()).isEqualTo(2);
        assertThat(d.get("params_sha256").asText())
                .isEqualTo(finalAgent.get("params_sha256").asText());
        assertThat(d.get("fitness").asDouble())
                .isEqualTo(finalAgent.get("fitness").asDouble());
        assertThat(d.has("test"))
                .as("only the tested best agent has a test")
                .isEqualTo(finalAgent.get("test_accuracy").isNumber());
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(Files.readAllBytes(model))) {
            assertThat(s.getInputNames()).containsExactly("pixels");
            assertThat(s.getOutputNames()).containsExactlyInAnyOrder("label", "probabilities");
        }
    }

    @Test
    void theBestAgentByDefaultToAFileOfOnesChoice() throws Exception {
        Path out = dir.resolve("mine.onnx");
        assertThat(Popflow.run("export", run.toString(), "--output", out.toString()))
                .isZero();
        JsonNode best = JSON.readTree(run.resolve("models/best.json").toFile());
        JsonNode mine = JSON.readTree(dir.resolve("mine.json").toFile());
        assertThat(mine.get("agent")).isEqualTo(best.get("agent"));
        assertThat(mine.get("model_sha256")).isEqualTo(best.get("model_sha256"));
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(run.resolve("models/best.onnx")));
    }

    @Test
    void refusals() throws Exception {
        Path quadratic = Files.createDirectories(dir.resolve("quadratic"));
        ConfigLoader.writeYaml(
                ConfigLoader.set(ConfigLoader.preset("quadratic"), "output=" + quadratic),
                quadratic.resolve("config.yaml"));
        assertThat(refusal("export", dir.resolve("nope").toString()))
                .isEqualTo("popflow: invalid option 'RUN_DIR': no folder " + dir.resolve("nope"));
        assertThat(refusal("export", dir.toString()))
                .isEqualTo("popflow: invalid option 'RUN_DIR': " + dir
                        + " holds no config.yaml: it is not a run's output folder");
        assertThat(refusal("export", run.toString(), "--agent", "4"))
                .isEqualTo("popflow: invalid option 'agent': the run has no agent 4 (its agents are 0 to 3)");
        assertThat(refusal("export", run.toString(), "--output", "model.txt"))
                .isEqualTo(
                        "popflow: invalid option 'output': 'model.txt' does not end in .onnx (its description is written "
                                + "beside it as .json)");
        assertThat(refusal(
                        "export",
                        run.toString(),
                        "--from-savepoint",
                        dir.resolve("sp").toString()))
                .isEqualTo(
                        "popflow: invalid option 'from-savepoint': no savepoint or checkpoint at " + dir.resolve("sp"));
        assertThat(refusal("export", quadratic.toString()))
                .isEqualTo("popflow: invalid option 'RUN_DIR': task quadratic "
                        + "has no model to export: its θ is a point of an analytic function, not a network");
        assertThat(run.resolve("models")).isDirectoryNotContaining("glob:**/agent-4*");
    }

    private static String refusal(String... args) {
        StringWriter err = new StringWriter();
        assertThat(Popflow.run(new PrintWriter(err, true), args)).isEqualTo(2);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
