package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.flinkcluster.CliResult;
import io.popflow.flinkcluster.LocalFlinkCluster;
import io.popflow.flinkcluster.ProcessFootprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One session cluster running popflow again and again, as a long-lived cluster does: four digits
 * jobs in a row, the second one restarted by a killed TaskManager and stopped with a savepoint. The
 * TaskManager that lives through all of them must not grow per job: no more user-code class loaders
 * kept after the third and fourth jobs than after the second, no JavaCPP deallocator thread or
 * mapping of ND4J's library added, no natives extracted again (ND4J in the cluster's lib/,
 * parent-first; with ND4J in the job jar each job added a class loader, a deallocator thread, four
 * mappings, 40-55 MB resident and 397 MB of natives, measured).
 */
class ClusterRepeatedJobsITCase {
    @TempDir
    Path dir;

    @RegisterExtension
    final ClusterSession session = new ClusterSession();

    private LocalFlinkCluster cluster;
    private Process client;

    @Test
    void repeatedJobsAndARestartDoNotGrowTheTaskManager() throws Exception {
        cluster = session.start(dir.resolve("cluster"), 2);
        String survivor = cluster.runningTaskManagers().get(0);
        String[] digits = {
            "train", "--preset", "digits", "--checkpoint-interval", "500ms", "--set", "restart_attempts=20", "--quiet"
        };
        List<ProcessFootprint> after = new ArrayList<>();

        ClusterRuns.run(
                cluster, 2, with(digits, "--output", dir.resolve("job-1").toString(), "--generations", "6"));
        after.add(cluster.footprint(survivor));

        // the second job, run until stopped, loses the other TaskManager, restarts on a new one, and is stopped
        Path log = dir.resolve("job-2.out");
        Path second = dir.resolve("job-2");
        client = session.submit(log, 2, with(digits, "--output", second.toString(), "--generations", "0"));
        String job = ClusterRuns.awaitRunningJob(cluster, client, log);
        ClusterRuns.awaitCheckpointAfterRestore(cluster, job, 0, client, log);
        cluster.killTaskManager(cluster.runningTaskManagers().get(1));
        cluster.startTaskManager();
        ClusterRuns.awaitCheckpointAfterRestore(cluster, job, 1, client, log);
        CliResult stop = cluster.flink(
                Duration.ofMinutes(2),
                "stop",
                "--savepointPath",
                second.resolve("savepoints").toAbsolutePath().toString(),
                job);
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(ClusterRuns.awaitExit(client, ClusterRuns.RUN_TIMEOUT, log))
                .as(Files.readString(log))
                .isZero();
        after.add(cluster.footprint(survivor));

        for (int i = 3; i <= 4; i++) {
            ClusterRuns.run(
                    cluster, 2, with(digits, "--output", dir.resolve("job-" + i).toString(), "--generations", "6"));
            after.add(cluster.footprint(survivor));
        }

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            lines.add("after job " + (i + 1) + ": " + after.get(i));
        }
        Files.write(Path.of("target", "cluster-repeated-jobs.txt"), lines);
        lines.forEach(System.out::println);

        ProcessFootprint first = after.get(0);
        // Some loaders of finished jobs stay (1 after each of three jobs without ND4J; 1 after the first
        // digits job, 2-3 after the second, measured), but no more after the third and fourth jobs than
        // after the second. Restarts within a job add none (measured: 1 after each of 4 restarts).
        for (ProcessFootprint later : after.subList(2, after.size())) {
            assertThat(later.userClassLoaders())
                    .as("user class loaders: %s", lines)
                    .isLessThanOrEqualTo(after.get(1).userClassLoaders());
        }
        for (ProcessFootprint later : after.subList(1, after.size())) {
            assertThat(later.deallocatorThreads())
                    .as("deallocator threads: %s", lines)
                    .isEqualTo(first.deallocatorThreads());
            assertThat(later.nd4jMappings())
                    .as("libnd4jcpu.so mappings: %s", lines)
                    .isEqualTo(first.nd4jMappings());
            assertThat(later.javacppCacheBytes())
                    .as("extracted natives: %s", lines)
                    .isEqualTo(first.javacppCacheBytes());
        }
        assertThat(first.nd4jMappings())
                .as("ND4J was loaded in the TaskManager")
                .isPositive();
        try (var logs = Files.list(cluster.logDir())) {
            for (Path f : logs.toList()) {
                assertThat(Files.readString(f))
                        .as(f.toString())
                        .doesNotContain(
                                "UnsatisfiedLinkError", "already loaded in another classloader", "LinkageError");
            }
        }
        for (int i = 3; i <= 4; i++) {
            assertThat(JobRuns.finalsWithoutResends(dir.resolve("job-" + i)))
                    .as("job %d's final population", i)
                    .isEqualTo(JobRuns.finalsWithoutResends(dir.resolve("job-1")));
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
