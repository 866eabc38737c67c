package io.popflow.cli;

import io.popflow.config.InvalidOptionException;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.report.RunReport;
import io.popflow.jobs.run.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code popflow report RUN_DIR}: the run's charts as PNGs and one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draw a run's charts (PNG) and one self-contained HTML page into RUN_DIR/report.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's output folder.")
    Path run;

    @Override
    public Integer call() {
        InvalidOptionException.require(Files.isDirectory(run), "RUN_DIR", "no folder " + run.toAbsolutePath());
        InvalidOptionException.require(Files.exists(run.resolve(JobSinks.GENERATIONS_FILE)), "RUN_DIR",
                run + " holds no " + JobSinks.GENERATIONS_FILE + ": not a popflow run's output folder");
        try {
            Path page = RunReport.write(run);
            System.out.println("report: " + page.toAbsolutePath());
        } catch (IOException e) {
            throw new InvalidOptionException("RUN_DIR", "cannot write the report of " + run + ": " + IoErrors.reason(e));
        }
        return 0;
    }
}
