package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.cli.Popflow;
import io.popflow.jobs.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow report --follow} beside a running {@code popflow train}: it waits for the first
 * generation, redraws as the run goes on, and returns once the run has ended, leaving a page of the
 * whole run that no longer reloads itself.
 */
class FollowedReportITCase {
    @TempDir
    Path dir;

    @Test
    void followsARunToItsEnd() throws Exception {
        Path out = dir.resolve("q");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> train = threads.submit(() -> Popflow.run(
                    "train", "--preset", "quadratic", "--generations", "60", "--output", out.toString(), "--quiet"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.exists(out.resolve("config.yaml")) && System.nanoTime() < deadline && !train.isDone()) {
                Thread.sleep(50);
            }
            Future<Integer> report =
                    threads.submit(() -> Popflow.run("report", "--follow", "--every", "1", out.toString()));

            assertThat(train.get(3, TimeUnit.MINUTES)).isZero();
            assertThat(report.get(1, TimeUnit.MINUTES))
                    .as("the report returns after the run's end")
                    .isZero();
        } finally {
            threads.shutdownNow();
        }
        String page = Files.readString(out.resolve(RunReport.FOLDER).resolve(RunReport.PAGE));
        assertThat(page).contains("60 generations").doesNotContain("http-equiv");
    }
}
