package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing grows with the age of a run: a population runs 3,000 generations of short fast windows
 * with a checkpoint every 100 ms, and its heap after a full GC and its checkpoint size at the end are
 * within 10% of what they were early in the run (after generation 400, once six checkpoints have
 * completed). The wall time per generation (median of generations 200-399 and of the 200 before the
 * late sample) is measured and written with them to {@code target/soak.md}, not asserted: medians of
 * sub-millisecond generations varied between the two ends from 0.34 to 1.76 of each other on this
 * shared two-core machine, in CI mid-suite, so a timed bound here fails on scheduling noise (speed
 * figures belong to the benchmarks); a run that slowed with age would do so through state or memory
 * that grows, which the two bounds catch.
 */
class LongRunSoakITCase {
    private static final int POPULATION = 16;
    /** {@code -Dsoak.generations=20000} soaks longer; the test's default is the 2,000 and a margin. */
    private static final int GENERATIONS = Integer.getInteger("soak.generations", 3_000);

    private static final int EARLY = 200;
    private static final int LATE = GENERATIONS - 200;
    /** Generations a per-generation wall time is the median of. */
    private static final int WINDOW = 200;
    /** Heap and checkpoint size: the bound; both measured within 1.3% and 5% of flat here. */
    private static final double TOLERANCE = 0.10;
    /**
     * Checkpoints a size is the mean of: one checkpoint's size varies by some 5% with the weight copies
     * in flight when it is taken (measured), the mean of six by less.
     */
    private static final long CHECKPOINTS = 6;

    @TempDir
    Path dir;

    private record Sample(int generation, long heapBytes, double checkpointBytes) {}

    @Test
    void heapCheckpointAndGenerationTimeStayFlat() throws Exception {
        PopulationConfig config = JobRuns.config(
                "quadratic",
                "population=" + POPULATION,
                "generations=" + GENERATIONS,
                "perturbation_interval=10",
                "chunk_steps=10",
                "checkpoint_interval=100ms",
                "parallelism=2");
        Sample early;
        Sample late;
        EmbeddedCluster.Finished finished;
        try (EmbeddedCluster cluster = new EmbeddedCluster(2, dir.resolve("checkpoints"))) {
            EmbeddedCluster.Run run = cluster.submit(config, false);
            // the timed windows end before the samples' full GCs
            early = sampleAt(run, EARLY + WINDOW, CHECKPOINTS);
            late = sampleAt(run, LATE, run.completedCheckpoints() + CHECKPOINTS);
            finished = run.await();
        }
        assertThat(finished.reportCount()).isEqualTo(POPULATION * GENERATIONS);

        long[] ends = finished.generationEnds();
        double earlyMs = medianGenerationMs(ends, EARLY);
        double lateMs = medianGenerationMs(ends, LATE - WINDOW);
        String table = String.format(
                Locale.ROOT,
                """
                | figure | generation %d | generation %d | ratio |
                |---|---|---|---|
                | heap after full GC (MB) | %.1f | %.1f | %.3f |
                | checkpoint, mean of the recent ones, up to ten (bytes) | %.0f | %.0f | %.3f |
                | wall time per generation (ms), median of generations %d-%d and %d-%d (measured, not asserted) | %.3f | %.3f | %.3f |
                """,
                early.generation,
                late.generation,
                early.heapBytes / 1e6,
                late.heapBytes / 1e6,
                (double) late.heapBytes / early.heapBytes,
                early.checkpointBytes,
                late.checkpointBytes,
                late.checkpointBytes / early.checkpointBytes,
                EARLY,
                EARLY + WINDOW - 1,
                LATE - WINDOW,
                LATE - 1,
                earlyMs,
                lateMs,
                lateMs / earlyMs);
        Files.writeString(Paths.get("target", "soak.md"), table);
        System.out.println(table);

        assertThat((double) late.heapBytes).as(table).isLessThanOrEqualTo(early.heapBytes * (1 + TOLERANCE));
        assertThat(early.checkpointBytes).isPositive();
        assertThat(late.checkpointBytes)
                .as(table)
                .isBetween(early.checkpointBytes * (1 - TOLERANCE), early.checkpointBytes * (1 + TOLERANCE));
    }

    /**
     * Waits for {@code generation} to complete and for {@code checkpoints} checkpoints to have completed (the
     * first ones can come after generation 200: at 1 ms a generation the run gets there in 0.2 s), then
     * measures the heap (after full GCs) and the recent checkpoints.
     */
    private static Sample sampleAt(EmbeddedCluster.Run run, int generation, long checkpoints) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (run.reportsSoFar() < (long) POPULATION * generation || run.completedCheckpoints() < checkpoints) {
            assertThat(System.nanoTime())
                    .as("generation %d and %d checkpoints within 2 minutes", generation, checkpoints)
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            heap = Math.min(heap, memory.getHeapMemoryUsage().getUsed());
        }
        return new Sample(run.reportsSoFar() / POPULATION, heap, run.recentCheckpointBytes());
    }

    /** Median of the wall times of generations {@code from} to {@code from + WINDOW - 1}, in ms. */
    private static double medianGenerationMs(long[] ends, int from) {
        double[] ms = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            ms[i] = (ends[from + i] - ends[from + i - 1]) / 1e6;
        }
        Arrays.sort(ms);
        return (ms[WINDOW / 2 - 1] + ms[WINDOW / 2]) / 2;
    }
}
