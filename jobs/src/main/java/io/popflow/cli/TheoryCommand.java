package io.popflow.cli;

import io.popflow.jobs.run.IoErrors;
import io.popflow.jobs.theory.CheckResult;
import io.popflow.jobs.theory.TheoryChecks;
import io.popflow.jobs.theory.TheoryReport;
import io.popflow.jobs.theory.TheorySize;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code popflow theory}: checks the running system against the theory's closed forms on an
 * embedded cluster, prints the table and writes {@code theory.json}. Exit code 1 if a check fails;
 * the estimator comparisons are findings and do not fail it.
 */
@Command(
        name = "theory",
        mixinStandardHelpOptions = true,
        description = "Check the pipeline against the closed forms of the two-time-scale theory.")
final class TheoryCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "Folder for theory.json.")
    Path output;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "standard",
            description = "Run sizes: small (a quick look, N below 1000), standard (default), large (adds N = 10,000).")
    String size;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TheorySize sizes = TheorySize.named(size);
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot create folder " + output + ": " + IoErrors.reason(e));
        }
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        List<CheckResult> results = TheoryChecks.run(sizes, name -> out.println("popflow theory: " + name + " ..."));
        out.println(TheoryReport.table(results));
        TheoryReport.write(results, output.resolve(TheoryReport.FILE));
        out.printf(
                Locale.ROOT,
                "%.0f s; results: %s%n",
                (System.nanoTime() - start) / 1e9,
                output.resolve(TheoryReport.FILE).toAbsolutePath());
        return results.stream().filter(CheckResult::gating).allMatch(CheckResult::pass) ? 0 : 1;
    }
}
