package io.popflow.cli;

import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.experiments.BaselinesExperiment;
import io.popflow.jobs.experiments.CartPoleExperiment;
import io.popflow.jobs.experiments.EsExperiments;
import io.popflow.jobs.experiments.EstimatorExperiment;
import io.popflow.jobs.experiments.Experiment;
import io.popflow.jobs.experiments.ExperimentReport;
import io.popflow.jobs.experiments.LargePopulationExperiment;
import io.popflow.jobs.experiments.MultimodalExperiment;
import io.popflow.jobs.report.Charts;
import io.popflow.jobs.run.IoErrors;
import io.popflow.jobs.run.Plural;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code popflow experiment NAME}: the experiments of docs/experiments.md, each on the embedded
 * cluster at a small default size or {@code --full}: E1-E4 ({@link Experiment}s: tables, charts and
 * every run's numbers into {@code --output}); {@code cartpole}, the seed authors' population
 * experiment, PBT against no population update at equal agent-steps, for each k and seed; {@code
 * es-cartpole} and {@code es-digits}, evolution strategies on the job ({@link EsExperiments}).
 */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = {
            "Run an experiment, print its tables and write them, its charts and every run's numbers to --output.",
            "",
            "Known: large-population (E1), multimodal (E2), estimators (E3), baselines (E4), cartpole, es-cartpole, "
                    + "es-digits. Each has a small default size (minutes on 2 cores) and a --full size "
                    + "(docs/experiments.md).",
            ""
        })
final class ExperimentCommand implements Callable<Integer> {
    /** E1-E4, by name. */
    static final List<Experiment> EXPERIMENTS = List.of(
            new LargePopulationExperiment(),
            new MultimodalExperiment(),
            new EstimatorExperiment(),
            new BaselinesExperiment());
    /** The authors' population; the default is a fifth of it, to finish in minutes. */
    static final int FULL_POPULATION = 500;

    @Parameters(index = "0", paramLabel = "NAME", description = "The experiment (see above).")
    String name;

    @Option(
            names = "--k",
            paramLabel = "K",
            split = ",",
            defaultValue = "1,2,5",
            description =
                    "Fitness windows: the mean return of each agent's last k episodes (default: ${DEFAULT-VALUE}).")
    int[] ks;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            description = "Seeds per arm, 1 to n (default: the experiment's own; cartpole's 5).")
    Integer seeds;

    @Option(
            names = "--population",
            paramLabel = "N",
            defaultValue = "100",
            description = "Agents per run (default: ${DEFAULT-VALUE}; the authors' 500 with --full).")
    int population;

    @Option(names = "--full", description = "The full size (cartpole: the authors' 500 agents).")
    boolean full;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "Folder for the experiment's tables, charts and every run's numbers.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> known = new java.util.ArrayList<>(
                EXPERIMENTS.stream().map(Experiment::name).toList());
        known.addAll(List.of("cartpole", "es-cartpole", "es-digits"));
        InvalidOptionException.require(
                known.contains(name),
                "experiment",
                "unknown experiment '" + name + "' (known: " + String.join(", ", known) + ")");
        InvalidOptionException.require(seeds == null || seeds >= 1, "seeds", "must be >= 1, got " + seeds);
        refuseFlagsItDoesNotUse();
        for (Experiment e : EXPERIMENTS) {
            if (e.name().equals(name)) {
                return run(e);
            }
        }
        if (seeds == null) {
            seeds = 5;
        }
        if (name.startsWith("es-")) {
            return evolutionStrategies();
        }
        InvalidOptionException.require(
                ks.length >= 1 && Arrays.stream(ks).allMatch(k -> k >= 1),
                "k",
                "must list windows >= 1 episode, got " + Arrays.toString(ks));
        int n = full ? FULL_POPULATION : population;
        PrintWriter out = spec.commandLine().getOut();
        CartPoleExperiment.config(ks[0], 1, CartPoleExperiment.Arm.PBT, n, output); // refuses a bad size before any run
        createOutput();
        out.printf(
                Locale.ROOT,
                "popflow experiment cartpole: k %s, %s, %d agents, PBT and no selection%n",
                Arrays.toString(ks),
                Plural.of(seeds, "seed"),
                n);
        long start = System.nanoTime();
        List<CartPoleExperiment.Run> runs;
        // DQN agents carry their replay memories: checkpoints go to files, not the job manager's memory
        try (EmbeddedCluster cluster = new EmbeddedCluster(2, output.resolve("checkpoints"))) {
            runs = CartPoleExperiment.run(cluster, ks, seeds, n, output, line -> out.println("  " + line));
        }
        out.println();
        out.print(ExperimentReport.tables(runs));
        Path file = output.resolve(ExperimentReport.FILE);
        ExperimentReport.write(runs, file);
        out.printf(Locale.ROOT, "%.0f s; every run: %s%n", (System.nanoTime() - start) / 1e9, file.toAbsolutePath());
        return 0;
    }

    /**
     * A flag the chosen experiment would ignore is refused, as an option a run's kind does not use
     * is: E1-E4 and the evolution strategies fix their own sizes, and es-digits runs one seed per
     * population size and budget.
     */
    private void refuseFlagsItDoesNotUse() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (String flag : List.of("--k", "--population")) {
            InvalidOptionException.require(
                    name.equals("cartpole") || !given.hasMatchedOption(flag),
                    flag.substring(2),
                    "does not apply to experiment " + name + " (only to cartpole)");
        }
        InvalidOptionException.require(
                !(full && given.hasMatchedOption("--population")),
                "population",
                "--full sets the authors' " + FULL_POPULATION + " agents: give --full or --population, not both");
        InvalidOptionException.require(
                !name.equals("es-digits") || !given.hasMatchedOption("--seeds"),
                "seeds",
                "does not apply to experiment es-digits (one run per population size and budget)");
    }

    private Integer run(Experiment experiment) throws Exception {
        Experiment.Size size = new Experiment.Size(full, seeds == null ? 0 : seeds);
        PrintWriter out = spec.commandLine().getOut();
        createOutput();
        out.println("popflow experiment " + experiment.name() + ": " + experiment.plan(size));
        long start = System.nanoTime();
        Experiment.Result result;
        try (EmbeddedCluster cluster = new EmbeddedCluster(2, output.resolve("checkpoints"))) {
            result = experiment.run(cluster, size, output, line -> out.println("  " + line));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String markdown = result.markdown()
                + String.format(
                        Locale.ROOT,
                        "%n%.0f s on this machine (%d cores).%n",
                        seconds,
                        Runtime.getRuntime().availableProcessors());
        Files.writeString(output.resolve(experiment.name() + ".md"), markdown);
        new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(output.resolve(experiment.name() + ".json").toFile(), result.data());
        for (Charts.Chart c : result.charts()) {
            c.save(output);
        }
        out.println();
        out.print(markdown);
        out.printf(
                Locale.ROOT,
                "tables: %s; charts: %s%n",
                output.resolve(experiment.name() + ".md").toAbsolutePath(),
                String.join(
                        ", ", result.charts().stream().map(Charts.Chart::file).toList()));
        return 0;
    }

    private void createOutput() {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot create folder " + output + ": " + IoErrors.reason(e));
        }
    }

    private Integer evolutionStrategies() throws Exception {
        InvalidOptionException.require(seeds >= 1, "seeds", "must be >= 1, got " + seeds);
        createOutput();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        List<EsExperiments.Run> runs;
        boolean cartpole = name.equals("es-cartpole");
        out.printf(Locale.ROOT, "popflow experiment %s%s%n", name, cartpole ? ": " + Plural.of(seeds, "seed") : "");
        try (EmbeddedCluster cluster = new EmbeddedCluster(2, output.resolve("checkpoints"))) {
            runs = cartpole
                    ? EsExperiments.cartpole(cluster, seeds, 200, output, line -> out.println("  " + line))
                    : EsExperiments.digits(
                            cluster,
                            full ? new int[] {50, 100, 200, 400} : new int[] {50, 100, 200},
                            full ? new int[] {200, 1_000, 5_000, 20_000} : new int[] {200, 1_000, 5_000},
                            output,
                            line -> out.println("  " + line));
        }
        out.println();
        out.print(EsExperiments.tables(runs, cartpole));
        Path file = output.resolve(name + "-experiment.json");
        new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(file.toFile(), runs);
        out.printf(Locale.ROOT, "%.0f s; every run: %s%n", (System.nanoTime() - start) / 1e9, file.toAbsolutePath());
        return 0;
    }
}
