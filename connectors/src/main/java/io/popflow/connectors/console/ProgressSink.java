package io.popflow.connectors.console;

import io.popflow.slow.GenerationSummary;
import io.popflow.slow.HyperparameterSpace;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * One console line per generation: best and median fitness, the best agent's hyperparameters, fast
 * steps per second and the time left. Runs with parallelism 1; on a cluster the lines go to the
 * task manager's standard output.
 */
public final class ProgressSink implements Sink<GenerationSummary> {
    private static final long serialVersionUID = 1L;

    private final HyperparameterSpace space;
    private final int generations;
    private final int members;

    /**
     * @param space the run's hyperparameter space, to print h
     * @param generations total generations, 0 if the run has no end
     * @param members an evolution strategy's members per generation (then members evaluated per
     *     second are shown, and no h: all members share it), 0 otherwise
     */
    public ProgressSink(HyperparameterSpace space, int generations, int members) {
        this.space = space;
        this.generations = generations;
        this.members = members;
    }

    @Override
    public SinkWriter<GenerationSummary> createWriter(WriterInitContext context) {
        return new Writer(space, generations, members, System.out);
    }

    static final class Writer implements SinkWriter<GenerationSummary> {
        private final HyperparameterSpace space;
        private final int generations;
        private final int members;
        private final PrintStream out;
        private final long startNanos = System.nanoTime();
        private long lastNanos = startNanos;
        private long lastSteps;
        /** The first generation this writer saw: after a resume or a restart, not 0. */
        private int firstGeneration = -1;

        Writer(HyperparameterSpace space, int generations, int members, PrintStream out) {
            this.space = space;
            this.generations = generations;
            this.members = members;
            this.out = out;
        }

        @Override
        public void write(GenerationSummary s, Context context) {
            out.println(line(s, System.nanoTime()));
        }

        String line(GenerationSummary s, long now) {
            if (firstGeneration < 0) {
                firstGeneration = s.generation();
            }
            // a writer that starts past generation 0 does not know the steps at its start: no rate for its first line
            boolean rateKnown = s.generation() > firstGeneration || firstGeneration == 0;
            double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
            double stepsPerSecond = (s.agentSteps() - lastSteps) / seconds;
            lastNanos = now;
            lastSteps = s.agentSteps();
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "generation %d%s  best %.4f (agent %d)  median %.4f",
                    s.generation() + 1,
                    generations > 0 ? "/" + generations : "",
                    s.bestFitness(),
                    s.bestAgent(),
                    s.fitnessMedian()));
            if (!Double.isNaN(s.episodeReturnMean())) {
                sb.append(String.format(
                        Locale.ROOT, "  mean fitness %.2f  mean return %.2f", s.fitnessMean(), s.episodeReturnMean()));
            }
            if (members == 0) {
                sb.append("  best h: ").append(space.describe(s.bestHyperparameters()));
            }
            if (rateKnown && (members == 0 || stepsPerSecond > 0)) {
                sb.append(String.format(Locale.ROOT, "  %.0f agent-steps/s", stepsPerSecond));
            }
            if (rateKnown && members > 0) {
                sb.append(String.format(Locale.ROOT, "  %.0f members/s", members / seconds));
            }
            if (s.diverged() > 0) {
                sb.append("  diverged ").append(s.diverged());
            }
            if (generations > 0) {
                int done = s.generation() + 1;
                long elapsed = now - startNanos;
                Duration eta = Duration.ofNanos(elapsed / (done - firstGeneration) * Math.max(0, generations - done));
                sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta.toMinutes(), eta.toSecondsPart()));
            }
            return sb.toString();
        }

        @Override
        public void flush(boolean endOfInput) {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
