package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.report.Charts;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One experiment of docs/experiments.md, run on the embedded cluster (the job itself, run after run)
 * at a small default size or at {@code --full} size: its tables (Markdown), charts (PNG) and every
 * run's numbers (JSON).
 */
public interface Experiment {

    /** Its name on the command line. */
    String name();

    /** What it runs at this size, in one line (printed first). */
    String plan(Size size);

    /** Runs it; {@code progress} gets a line per run. */
    Result run(EmbeddedCluster cluster, Size size, Path output, Consumer<String> progress) throws Exception;

    /**
     * How big a run of an experiment is.
     *
     * @param full the full size instead of the default
     * @param seeds seeds per arm, or 0 for the experiment's own number at this size
     */
    record Size(boolean full, int seeds) {
        /** {@code defaultSeeds} or {@code fullSeeds}, unless the seeds were given. */
        public int seeds(int defaultSeeds, int fullSeeds) {
            return seeds > 0 ? seeds : full ? fullSeeds : defaultSeeds;
        }
    }

    /**
     * @param markdown its tables, with a line on what was run
     * @param charts its figures
     * @param data every run's numbers
     */
    record Result(String markdown, List<Charts.Chart> charts, JsonNode data) {}
}
