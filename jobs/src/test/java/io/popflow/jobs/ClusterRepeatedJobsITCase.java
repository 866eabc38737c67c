package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.flinkcluster.LocalFlinkCluster;
import io.popflow.flinkcluster.ProcessFootprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One session cluster running popflow again and again, as a long-lived cluster does: three digits
 * jobs in a row, the second one restarted by a killed TaskManager. The TaskManager that lives
 * through all of them must not grow per job: no more user-code class loaders kept after the third
 * job than after the second, no JavaCPP deallocator thread or mapping of ND4J's library added, no
 * natives extracted again (ND4J in the cluster's lib/, parent-first; with ND4J in the job jar each
 * job added a class loader, a deallocator thread, four mappings and some 100 MB).
 */
class ClusterRepeatedJobsITCase {
    @TempDir
    Path dir;
    private LocalFlinkCluster cluster;
    private Process client;

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null && client.isAlive()) {
            client.destroyForcibly().waitFor();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void repeatedJobsAndARestartDoNotGrowTheTaskManager() throws Exception {
        cluster = ClusterRuns.start(dir.resolve("cluster"), 2);
        String survivor = cluster.runningTaskManagers().get(0);
        String[] digits = {"train", "--preset", "digits", "--generations", "6", "--checkpoint-interval", "500ms",
            "--set", "restart_attempts=20", "--quiet"};
        List<ProcessFootprint> after = new ArrayList<>();

        ClusterRuns.run(cluster, 2, with(digits, "--output", dir.resolve("job-1").toString()));
        after.add(cluster.footprint(survivor));

        // the second job loses the other TaskManager mid-run and restarts on a new one
        Path log = dir.resolve("job-2.out");
        client = ClusterRuns.start(cluster, log, 2, with(digits, "--output", dir.resolve("job-2").toString()));
        String job = ClusterRuns.awaitRunningJob(cluster, client, log);
        while (ClusterRuns.checkpoints(cluster, job).path("counts").path("completed").asLong() < 1) {
            assertThat(client.isAlive()).as("job 2 still running: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            Thread.sleep(50);
        }
        cluster.killTaskManager(cluster.runningTaskManagers().get(1));
        cluster.startTaskManager();
        assertThat(ClusterRuns.awaitExit(client, ClusterRuns.RUN_TIMEOUT, log)).as(Files.readString(log)).isZero();
        assertThat(ClusterRuns.checkpoints(cluster, job).path("counts").path("restored").asLong()).as("job 2 restarted")
                .isPositive();
        after.add(cluster.footprint(survivor));

        ClusterRuns.run(cluster, 2, with(digits, "--output", dir.resolve("job-3").toString()));
        after.add(cluster.footprint(survivor));

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            lines.add("after job " + (i + 1) + ": " + after.get(i));
        }
        Files.write(Path.of("target", "cluster-repeated-jobs.txt"), lines);
        lines.forEach(System.out::println);

        ProcessFootprint first = after.get(0);
        // at most two stay, whatever the number of jobs: the latest job's (Flink keeps one also for
        // jobs without ND4J: 1 after each of three quadratic jobs, measured) and one ND4J holds on to
        assertThat(after.get(2).userClassLoaders()).as("user class loaders: %s", lines)
                .isLessThanOrEqualTo(after.get(1).userClassLoaders()).isLessThanOrEqualTo(2);
        for (ProcessFootprint later : after.subList(1, after.size())) {
            assertThat(later.deallocatorThreads()).as("deallocator threads: %s", lines).isEqualTo(first.deallocatorThreads());
            assertThat(later.nd4jMappings()).as("libnd4jcpu.so mappings: %s", lines).isEqualTo(first.nd4jMappings());
            assertThat(later.javacppCacheBytes()).as("extracted natives: %s", lines).isEqualTo(first.javacppCacheBytes());
        }
        assertThat(first.nd4jMappings()).as("ND4J was loaded in the TaskManager").isPositive();
        try (var logs = Files.list(cluster.logDir())) {
            for (Path f : logs.toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("UnsatisfiedLinkError",
                        "already loaded in another classloader", "LinkageError");
            }
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(JobRuns.finalsWithoutResends(dir.resolve("job-" + i))).as("job %d's final population", i)
                    .isEqualTo(JobRuns.finalsWithoutResends(dir.resolve("job-1")));
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
