package io.popflow.cli;

import io.popflow.jobs.config.NameSuggestions;
import io.popflow.jobs.run.DamagedFileException;
import io.popflow.jobs.serving.RefusedInputException;
import io.popflow.option.InvalidOptionException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code popflow train ...}. Invalid input of any kind ends with one line on
 * standard error and exit code 2, before a job is started.
 */
@Command(
        name = "popflow",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Population-based training of neural networks on Apache Flink.",
        subcommands = {
            TrainCommand.class,
            TheoryCommand.class,
            ExperimentCommand.class,
            OptionsCommand.class,
            ReportCommand.class,
            ReplayCommand.class,
            ExportCommand.class,
            PredictCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Popflow implements Runnable {
    public static final int INVALID_INPUT = 2;
    /** A command that failed for another reason than its input. */
    public static final int FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Exits the JVM only on failure: when Flink runs this main inside a job manager (application
     * mode), a successful return must not take the cluster process down.
     */
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.err, true), args);
    }

    /** Runs the command line, reporting invalid input to {@code err}, and returns its exit code. */
    public static int run(PrintWriter err, String... args) {
        // UTF-8 whatever the locale: predict writes its CSV here, and a label's letters must survive
        return run(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), err, args);
    }

    /**
     * Runs the command line with the commands' output on {@code out} and invalid input reported to
     * {@code err}, and returns its exit code.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Popflow());
        addIfPresent(cli, "io.popflow.bench.BenchCommand", "bench");
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> fail(e.getCommandLine().getErr(), problem(e)));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof InvalidOptionException || e instanceof RefusedInputException) {
                return fail(commandLine.getErr(), e.getMessage());
            }
            if (e instanceof DamagedFileException) {
                // a file of the user's, not a bug: its name and what is wrong with it say all there is
                commandLine.getErr().println("popflow: " + e.getMessage());
                commandLine.getErr().flush();
                return FAILED;
            }
            // not the user's input: one line, and the trace on request for a bug report
            PrintWriter trace = commandLine.getErr();
            trace.println("popflow: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (System.getenv("POPFLOW_DEBUG") == null ? " (POPFLOW_DEBUG=1 prints the stack trace)" : ""));
            if (System.getenv("POPFLOW_DEBUG") != null) {
                e.printStackTrace(trace);
            }
            trace.flush();
            return FAILED;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush(); // a last print without a line end
        }
    }

    /**
     * Adds a subcommand whose class lives in an optional module (the benchmarks, with their DL4J
     * comparison, stay out of the job jar but are on the launcher's classpath).
     */
    private static void addIfPresent(CommandLine cli, String className, String name) {
        try {
            cli.addSubcommand(
                    name, Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException absent) {
            // not on this classpath: the command is simply not offered
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the " + name + " command", e);
        }
    }

    /**
     * The line for input picocli refused: a mistyped flag or command named alone (not the value
     * after it), with the closest of picocli's suggestions; anything else as picocli words it.
     */
    static String problem(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u)
                || u.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        CommandLine at = u.getCommandLine();
        String typed = u.getUnmatched().get(0);
        String what;
        if (u.isUnknownOption()) {
            typed = typed.split("=", 2)[0];
            what = "unknown option";
        } else if (!at.getSubcommands().isEmpty()) {
            what = "unknown command";
        } else {
            return e.getMessage();
        }
        // the edit distance over every name first: picocli compares letter pairs, which misses a capital
        // and ranks 'export' above 'report' for 'raport'; its own suggestions where no name is close
        List<String> names = new ArrayList<>(at.getSubcommands().keySet());
        at.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        List<String> close = NameSuggestions.closest(typed, names);
        if (close.isEmpty()) {
            close = NameSuggestions.nearest(typed, u.getSuggestions());
        }
        return what + " '" + typed + "'"
                + (close.isEmpty()
                        ? " (see " + at.getCommandSpec().qualifiedName() + " --help)"
                        : NameSuggestions.didYouMean(close));
    }

    private static int fail(PrintWriter err, String message) {
        err.println("popflow: " + message);
        err.flush();
        return INVALID_INPUT;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: popflow train --help)");
    }
}
