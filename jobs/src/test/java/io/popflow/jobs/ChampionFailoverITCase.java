package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import io.popflow.jobs.model.ChampionFiles;
import io.popflow.jobs.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task failure mid-run, the job restored from a checkpoint: the champions the run publishes
 * after the restore are those it had published before it, replayed and skipped, then the rest:
 * its history equals an uninterrupted run's line for line (no duplicate, no gap), and so does its
 * last champion's file.
 */
class ChampionFailoverITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @Test
    void theChampionHistoryHasNoDuplicateAndNoGap(@InjectMiniCluster MiniCluster cluster, @TempDir Path dir)
            throws Exception {
        PopulationConfig config = JobRuns.config(
                "digits",
                "population=8",
                "generations=10",
                "perturbation_interval=300",
                "parallelism=2",
                "checkpoint_interval=100ms",
                "models.every=2");
        TestStreamEnvironment.setAsContext(cluster, config.parallelism());
        try {
            JobRuns.runJob(config, dir.resolve("clean"), withChampions(config, dir.resolve("clean")));
            JobRuns.FailOnce.INJECTED.set(0);
            JobRuns.runJobWithRestarts(
                    config,
                    dir.resolve("failed"),
                    withChampions(config, dir.resolve("failed")),
                    new JobRuns.FailOnce(6));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        assertThat(JobRuns.FailOnce.INJECTED.get()).as("the failure happened").isEqualTo(1);
        Path clean = dir.resolve("clean").resolve(RunFolder.MODELS);
        Path failed = dir.resolve("failed").resolve(RunFolder.MODELS);
        assertThat(Files.readAllLines(clean.resolve(ChampionFiles.HISTORY))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(Files.readAllLines(failed.resolve(ChampionFiles.HISTORY)))
                .isEqualTo(Files.readAllLines(clean.resolve(ChampionFiles.HISTORY)));
        assertThat(Files.readAllBytes(failed.resolve("champion.onnx")))
                .isEqualTo(Files.readAllBytes(clean.resolve("champion.onnx")));
    }

    /** The job with a champion writer into {@code folder}. */
    private static Function<JobSinks, PopulationTrainingJob> withChampions(PopulationConfig config, Path folder) {
        return sinks -> PopulationTrainingJob.withInJvmFeedback(
                config, sinks.withChampions(new ChampionFiles(folder, config, "champion-failover")));
    }
}
