package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of {@code examples/rastrigin}, as its README runs it: the jar the reactor built from the
 * user's project (off this test's class path), the example's own configuration, on the embedded
 * cluster.
 */
class RastriginExampleITCase {
    private static final Path EXAMPLE = Path.of("../examples/rastrigin");

    @TempDir
    Path dir;

    @Test
    void cmaEsReachesTheStatedTargetOnTheUsersRastrigin() throws Exception {
        Path jar = EXAMPLE.resolve("target/rastrigin.jar");
        assertThat(jar).as("built by the reactor before this module").isRegularFile();
        assertThat(getClass().getClassLoader().getResource("example/rastrigin/Rastrigin.class"))
                .as("the user's class is not on popflow's class path: only --jar brings it")
                .isNull();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Popflow.run(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "train",
                "--jar",
                jar.toString(),
                "--config",
                EXAMPLE.resolve("rastrigin.yaml").toString(),
                "--output",
                dir.resolve("run").toString(),
                "--quiet");
        assertThat(code).as(err.toString()).isZero();
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve("run/summary.json").toFile());
        double f = -summary.get("validation").get("fitness").asDouble();
        // measured: f = 0 (the global optimum) for seeds 1 to 5; the nearest local optimum has f ≈ 0.99
        assertThat(f).as("Rastrigin's f at the final mean").isLessThan(TARGET);
    }

    private static final double TARGET = 0.5;
}
