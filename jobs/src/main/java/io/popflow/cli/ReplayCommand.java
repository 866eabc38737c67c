package io.popflow.cli;

import io.popflow.jobs.replay.WinnerReplay;
import io.popflow.jobs.report.RunReport;
import io.popflow.jobs.run.RunFolder;
import io.popflow.jobs.run.UserJars;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code popflow replay RUN_DIR}: the run's final best agent retrained alone along its lineage. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        // the first element is the command's line in `popflow --help`: one whole sentence
        description = {
            "Retrain a finished run's final best agent alone, as the run logged it, and compare.",
            "",
            "From the weights it began with, through every generation with the h it trained with and every copy "
                    + "into another agent, as the run logged them (reports.jsonl, lineage.jsonl). Writes "
                    + "RUN_DIR/replay.jsonl (each generation, replayed and as the run had it) and RUN_DIR/replay.json "
                    + "(digests of the final weights); redraws RUN_DIR/report if there is one.",
            "",
            "A synchronous run's winner comes out bit for bit (exit 0); a difference exits with 1. Not replayable, "
                    + "refused with the reason: asynchronous runs, merging, stream tasks, evolution strategies, DQN "
                    + "with exploit.replay: keep, runs stopped before their end.",
            ""
        })
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run's output folder.")
    Path run;

    @Mixin
    UserJarOption jarOption = new UserJarOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WinnerReplay.Outcome o;
        try (UserJars jars = jarOption.installFor(run.resolve(RunFolder.CONFIG_FILE))) {
            o = WinnerReplay.run(run);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "replay: agent %d's line, generations %d-%d (%d copies between agents), %.2f s%n",
                o.winner(),
                o.firstGeneration(),
                o.firstGeneration() + o.generations() - 1,
                o.copies(),
                o.seconds());
        out.println("replay: final weights " + o.paramsSha256()
                + (o.identical() ? " = the run's, bit for bit" : "; the run's are " + o.originalSha256()));
        out.println("replay: " + run.resolve(WinnerReplay.LINE_FILE) + ", " + run.resolve(WinnerReplay.SUMMARY_FILE));
        if (Files.isDirectory(run.resolve(RunReport.FOLDER))) {
            out.println("report: " + RunReport.write(run).toAbsolutePath());
        }
        if (!o.identical()) {
            out.println("replay: differs from the run"
                    + (o.firstDifference() >= 0
                            ? " from generation " + o.firstDifference() + " on (stream position or fitness)"
                            : " in the final weights only"));
            return Popflow.FAILED;
        }
        return 0;
    }
}
