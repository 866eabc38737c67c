package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.run.FlinkSettings;
import io.popflow.jobs.run.RunFolder;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run sizes the MiniCluster's network memory for its parallelism: at 32 subtasks the job
 * needs more buffers than Flink's default 64 MB holds (and without the sizing it fails, where it used
 * to restart without end), with it the job runs. The core limit of the command line is not applied
 * here: this is the sizing alone, on a machine with fewer cores.
 */
class LocalNetworkMemoryITCase {
    private static final int PARALLELISM = 32;

    @TempDir
    Path dir;

    private RunConfig run(Path output) {
        return ConfigLoader.parse(ConfigLoader.set(
                ConfigLoader.preset("quadratic"),
                "output=" + output,
                "population=" + PARALLELISM,
                "parallelism=" + PARALLELISM,
                "generations=3",
                "perturbation_interval=10",
                "chunk_steps=10",
                "restart_attempts=0"));
    }

    private void execute(RunConfig run, Configuration flink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(PARALLELISM);
        JobSinks sinks = JobSinks.files(
                run.output(), run.population().space(), run.population().generations(), false);
        PopulationTrainingJob.withInJvmFeedback(run.population(), sinks).execute(env);
    }

    @Test
    void sizedNetworkMemoryCarriesParallelism32() throws Exception {
        RunConfig run = run(dir.resolve("sized"));
        execute(run, FlinkSettings.of(run, new RunFolder(run.output()), null, true));
        assertThat(JobRuns.read(run.output().resolve(JobSinks.FINAL_AGENTS_FILE)))
                .hasSize(PARALLELISM);
    }

    @Test
    void flinksDefaultNetworkMemoryDoesNot() {
        RunConfig run = run(dir.resolve("default"));
        Configuration flink = FlinkSettings.of(run, new RunFolder(run.output()), null, true);
        flink.removeConfig(TaskManagerOptions.NETWORK_MEMORY_MIN);
        flink.removeConfig(TaskManagerOptions.NETWORK_MEMORY_MAX);
        assertThatThrownBy(() -> execute(run, flink))
                .satisfies(e -> assertThat(
                                ExceptionUtils.findThrowableWithMessage(e, "Insufficient number of network buffers"))
                        .isPresent());
    }
}
