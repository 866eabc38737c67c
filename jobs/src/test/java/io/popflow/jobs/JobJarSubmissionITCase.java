package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as {@code flink run} uses it: its main class builds the job graph in a class loader of
 * its own (Flink provided by the cluster), and the graph runs on a cluster from that jar.
 */
class JobJarSubmissionITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    Path dir;

    @Test
    void jobJarRunsOnACluster(@InjectClusterClient ClusterClient<?> client) throws Exception {
        File jar = Arrays.stream(new File("target").listFiles((d, name) -> name.endsWith("-job.jar")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job jar in target/: run mvn package"));
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(jar)
                .setArguments(
                        "train",
                        "--preset",
                        "quadratic",
                        "--population",
                        "8",
                        "--generations",
                        "3",
                        "--quiet",
                        "--output",
                        dir.toString())
                .build();
        JobGraph graph = PackagedProgramUtils.createJobGraph(program, new Configuration(), 2, false);
        assertThat(graph.getUserJars()).isNotEmpty();

        JobID id = client.submitJob(graph).get();
        JobResult result = client.requestJobResult(id).get();
        assertThat(result.isSuccess())
                .as("job result %s", result.getSerializedThrowable())
                .isTrue();
        assertThat(JobRuns.read(dir.resolve(JobSinks.FINAL_AGENTS_FILE))).hasSize(8);
        assertThat(JobRuns.read(dir.resolve(JobSinks.REPORTS_FILE))).hasSize(8 * 3);
    }
}
