package io.popflow.connectors.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.slow.GenerationSummary;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The progress line's rates and time left after a resume, which starts its writer past generation 0. */
class ProgressSinkTest {
    private static final long SECOND = 1_000_000_000L;

    private static GenerationSummary generation(int g, long steps) {
        return new GenerationSummary(
                g,
                10,
                0,
                steps,
                1,
                0.5,
                new double[0],
                0,
                0,
                0.5,
                0,
                0,
                0,
                new String[0],
                new double[0],
                new double[0],
                Double.NaN);
    }

    private static ProgressSink.Writer writer(int generations) {
        return new ProgressSink.Writer(null, generations, 10, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** A resumed run's first line has no baseline: it shows no rate (it showed the whole run's steps over seconds). */
    @Test
    void aResumedRunsFirstLineShowsNoRateAndItsNextTheStepsSinceThen() {
        ProgressSink.Writer w = writer(1000);
        long start = System.nanoTime();
        String first = w.line(generation(639, 1_800_000), start + SECOND);
        assertThat(first).doesNotContain("agent-steps/s").doesNotContain("members/s");
        String second = w.line(generation(640, 1_802_000), start + 2 * SECOND);
        assertThat(second).contains("  2000 agent-steps/s  10 members/s");
        // two generations took 2 s: the 359 left take about 359 s
        assertThat(second).endsWith("ETA 5:59");
    }

    @Test
    void aFreshRunsFirstLineCountsFromZero() {
        ProgressSink.Writer w = writer(10);
        long start = System.nanoTime();
        assertThat(w.line(generation(0, 500), start + SECOND)).contains("  500 agent-steps/s  10 members/s");
    }
}
