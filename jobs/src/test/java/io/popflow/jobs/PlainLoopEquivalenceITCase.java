package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.json.RecordJson;
import io.popflow.loop.PlainPopulationLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Flink job and a plain loop over the same agent and population code, no Flink, end in the
 * same population, report for report: the job adds distribution, state and exactly-once, and
 * changes nothing in the dynamics.
 */
class PlainLoopEquivalenceITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    Path dir;

    /** The presets, and PB2, whose bandit's data the slow operator carries from generation to generation. */
    @ParameterizedTest
    @ValueSource(strings = {"digits", "quadratic", "quadratic;mutation=pb2;generations=6"})
    void pipelineEqualsThePlainLoop(String run) throws Exception {
        String[] parts = run.split(";");
        List<String> options = new ArrayList<>(List.of(
                "population=8",
                "generations=4",
                "perturbation_interval=60",
                "parallelism=2",
                "checkpoint_interval=100ms"));
        options.addAll(List.of(parts).subList(1, parts.length));
        PopulationConfig config = JobRuns.config(parts[0], options.toArray(String[]::new));
        JobRuns.Outputs pipeline = JobRuns.run(config, dir);
        PlainPopulationLoop.Result loop = new PlainPopulationLoop(config, 2).run();

        RecordJson json = new RecordJson(config.space());
        List<JsonNode> loopReports = new ArrayList<>();
        for (var r : loop.reports()) {
            loopReports.add(JSON.readTree(json.report(r)));
        }
        List<JsonNode> loopFinals = new ArrayList<>();
        for (var f : loop.finals()) {
            loopFinals.add(JSON.readTree(json.finalAgent(f)));
        }
        JobRuns.Outputs plain = new JobRuns.Outputs(null, loopReports, List.of(), List.of(), loopFinals);
        assertThat(pipeline.finalsInOrder()).isEqualTo(plain.finalsInOrder());
        assertThat(pipeline.reportsInOrder()).isEqualTo(plain.reportsInOrder());
    }
}
