package io.popflow.cli;

import io.popflow.jobs.JobSinks;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.report.KafkaRunRecords;
import io.popflow.jobs.report.RunReport;
import io.popflow.jobs.run.IoErrors;
import io.popflow.jobs.run.JsonLines;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.run.RunFolder;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code popflow report RUN_DIR}: the run's charts as PNGs and one self-contained HTML page; from the
 * run's folder, or from the Kafka topics its configuration writes to; once, or kept current.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draw a run's charts (PNG) and one self-contained HTML page into RUN_DIR/report.",
            "",
            "Examples:",
            "  # a run's output folder",
            "  popflow report runs/digits",
            "  # redraw every 10 s until the run ends (Ctrl-C to stop)",
            "  popflow report --follow runs/q",
            "  # the records of the run that config.yaml describes, read from its Kafka",
            "  # topics into reports/q, then drawn there",
            "  popflow report --kafka config.yaml reports/q",
            ""
        })
final class ReportCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "RUN_DIR",
            description = "A run's output folder; with --kafka, the folder the topics' records are written to.")
    Path run;

    @Option(
            names = "--follow",
            description = "Keep the report current: redraw it as the run goes on, until the run "
                    + "ends (or Ctrl-C). The page reloads itself in a browser.")
    boolean follow;

    @Option(
            names = "--every",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "With --follow: seconds between redraws (default ${DEFAULT-VALUE}).")
    int everySeconds;

    @Option(
            names = "--kafka",
            paramLabel = "CONFIG",
            description = "Read the run's reports, generation summaries and lineage from the Kafka topics that its "
                    + "configuration CONFIG names (the config.yaml the run wrote: its kafka section, run_id and "
                    + "generations), for a run whose output folder is elsewhere (on a cluster).")
    Path kafka;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description =
                    "With --kafka: seconds to wait for the Kafka cluster before giving up (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        InvalidOptionException.require(everySeconds >= 1, "every", "must be >= 1 second, got " + everySeconds);
        InvalidOptionException.require(follow || !wasGiven("--every"), "every", "goes with --follow");
        InvalidOptionException.require(timeoutSeconds >= 1, "timeout", "must be >= 1 second, got " + timeoutSeconds);
        InvalidOptionException.require(kafka != null || !wasGiven("--timeout"), "timeout", "goes with --kafka");
        if (kafka != null) {
            try (KafkaRunRecords records = KafkaRunRecords.open(kafka, run, Duration.ofSeconds(timeoutSeconds))) {
                return loop(records);
            }
        }
        InvalidOptionException.require(Files.isDirectory(run), "RUN_DIR", "no folder " + run.toAbsolutePath());
        if (follow) {
            InvalidOptionException.require(
                    Files.exists(run.resolve(RunFolder.CONFIG_FILE)),
                    "RUN_DIR",
                    run + " holds no " + RunFolder.CONFIG_FILE + ": not a popflow run's output folder");
        } else {
            InvalidOptionException.require(
                    Files.exists(run.resolve(JobSinks.GENERATIONS_FILE)),
                    "RUN_DIR",
                    run + " holds no " + JobSinks.GENERATIONS_FILE + ": not a popflow run's output folder");
        }
        return loop(null);
    }

    private boolean wasGiven(String option) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Draws once, or with --follow each time there is more to draw until the run has ended. */
    private int loop(KafkaRunRecords records) throws IOException, InterruptedException {
        int drawnGenerations = -1;
        boolean waitingSaid = false;
        while (true) {
            if (records != null) {
                records.update();
            }
            boolean ended = records != null ? records.runEnded() : Files.exists(run.resolve(RunSummary.FILE));
            int generations =
                    JsonLines.read(run.resolve(JobSinks.GENERATIONS_FILE)).size();
            if (generations > drawnGenerations && generations > 0) {
                Path page = draw(follow && !ended ? everySeconds : 0);
                spec.commandLine()
                        .getOut()
                        .println("report: " + page.toAbsolutePath()
                                + (follow ? " (" + Plural.of(generations, "generation") + ")" : ""));
                drawnGenerations = generations;
            } else if (!follow && generations == 0) {
                throw new InvalidOptionException(
                        "RUN_DIR", run + " holds no generation yet: nothing to report " + "(--follow waits for them)");
            } else if (!waitingSaid && generations == 0) {
                spec.commandLine()
                        .getOut()
                        .println("report: waiting for the run's first generation in " + run.toAbsolutePath());
                waitingSaid = true;
            }
            if (!follow || ended) {
                if (follow && drawnGenerations >= 0) {
                    draw(0); // the last page stops reloading itself
                }
                return 0;
            }
            Thread.sleep(everySeconds * 1000L);
        }
    }

    private Path draw(int refreshSeconds) {
        try {
            return RunReport.write(run, refreshSeconds);
        } catch (IOException e) {
            throw new InvalidOptionException(
                    "RUN_DIR", "cannot write the report of " + run + ": " + IoErrors.reason(e));
        }
    }
}
