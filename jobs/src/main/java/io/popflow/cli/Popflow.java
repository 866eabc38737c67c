package io.popflow.cli;

import io.popflow.config.InvalidOptionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code popflow train ...}. Invalid input of any kind ends with one line on
 * standard error and exit code 2, before a job is started.
 */
@Command(
        name = "popflow",
        mixinStandardHelpOptions = true,
        version = "popflow 0.1.0",
        description = "Population-based training of neural networks on Apache Flink.",
        subcommands = {TrainCommand.class, TheoryCommand.class, ExperimentCommand.class, OptionsCommand.class, ReportCommand.class,
                ReplayCommand.class,
                CommandLine.HelpCommand.class})
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
        CommandLine cli = new CommandLine(new Popflow());
        addIfPresent(cli, "io.popflow.bench.BenchCommand", "bench");
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> fail(e.getCommandLine().getErr(), e.getMessage()));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof InvalidOptionException) {
                return fail(commandLine.getErr(), e.getMessage());
            }
            // not the user's input: one line, and the trace on request for a bug report
            PrintWriter out = commandLine.getErr();
            out.println("popflow: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (System.getenv("POPFLOW_DEBUG") == null ? " (POPFLOW_DEBUG=1 prints the stack trace)" : ""));
            if (System.getenv("POPFLOW_DEBUG") != null) {
                e.printStackTrace(out);
            }
            out.flush();
            return FAILED;
        });
        return cli.execute(args);
    }

    /**
     * Adds a subcommand whose class lives in an optional module (the benchmarks, with their DL4J
     * comparison, stay out of the job jar but are on the launcher's classpath).
     */
    private static void addIfPresent(CommandLine cli, String className, String name) {
        try {
            cli.addSubcommand(name, Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException absent) {
            // not on this classpath: the command is simply not offered
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the " + name + " command", e);
        }
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
