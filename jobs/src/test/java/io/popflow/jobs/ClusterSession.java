package io.popflow.jobs;

import io.popflow.flinkcluster.LocalFlinkCluster;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's real cluster and the {@code flink run} client it runs in the background; whatever the
 * test's outcome, both are stopped after it ({@code @RegisterExtension}).
 */
final class ClusterSession implements AfterEachCallback {
    private LocalFlinkCluster cluster;
    private Process client;

    /** Starts the cluster ({@link ClusterRuns#start}) in {@code dir}. */
    LocalFlinkCluster start(Path dir, int taskManagers) throws IOException {
        cluster = ClusterRuns.start(dir, taskManagers);
        return cluster;
    }

    /** {@code flink run -p P JOB_JAR ARGS} in the background, its output in {@code log}. */
    Process submit(Path log, int parallelism, String... args) throws IOException {
        client = ClusterRuns.start(cluster, log, parallelism, args);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (client != null && client.isAlive()) {
            client.destroyForcibly().waitFor();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
