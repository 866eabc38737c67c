package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.report.Charts;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.theory.Reports;
import io.popflow.math.Censored;
import io.popflow.math.Summary;
import io.popflow.option.InvalidOptionException;
import io.popflow.slow.Domain;
import io.popflow.slow.HyperparameterSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * E4, the baselines a user would otherwise pick, at equal compute (the same agents, generations and
 * fast steps, so the same total agent-steps): random search (independent agents with sampled h, the
 * best kept), the best of a fixed grid, Ray-style PBT (truncation 25 %, ×0.8/×1.2, resample 0.25,
 * {@code last} fitness), popflow's best configuration from E3 (PBT selecting on the {@code population}
 * estimate of the effective fitness) and PB2; on the digits, diabetes and CartPole. Per run: the
 * final best agent's test metric, and the agent-steps until the population's best validation
 * metric first reached a target (censored if never).
 */
public final class BaselinesExperiment implements Experiment {

    /** The arms. */
    enum Method {
        RANDOM("random search"),
        GRID("grid"),
        PBT("Ray-style PBT"),
        POPFLOW("popflow: PBT on the population estimate"),
        PB2("PB2");

        final String label;

        Method(String label) {
            this.label = label;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A task of the comparison: its preset, sizes, validation metric and target, and test metric.
     * Progress is followed as a score, higher is better: the validation metric, negated where lower
     * is better.
     */
    enum Task {
        DIGITS(
                "digits",
                "validation accuracy",
                "test accuracy",
                0.98,
                false,
                new String[] {"population=8", "generations=15", "perturbation_interval=50"},
                new String[] {"population=16", "generations=20", "perturbation_interval=200"},
                AgentReport::validationAccuracy,
                FinalAgent::testAccuracy),
        DIABETES(
                "diabetes",
                "validation loss (standardised target)",
                "test R²",
                0.26,
                true,
                new String[] {"population=8", "generations=20", "perturbation_interval=100"},
                new String[] {"population=16", "generations=60", "perturbation_interval=100"},
                AgentReport::validationLoss,
                FinalAgent::testR2),
        /** CartPole cut at 200 steps (the preset's authors cut at 100, which every arm solves): target 195, v0's "solved". */
        CARTPOLE(
                "cartpole-pbt",
                "mean episode return of the generation",
                "greedy test return (100 episodes)",
                195,
                false,
                new String[] {
                    "population=8", "generations=10", "perturbation_interval=1000", "environment.max_steps=200"
                },
                new String[] {
                    "population=32", "generations=10", "perturbation_interval=1000", "environment.max_steps=200"
                },
                AgentReport::episodeReturn,
                FinalAgent::testReturn);

        final String preset;
        final String validationName;
        final String testName;
        private final double target;
        private final boolean lowerIsBetter;
        private final String[] defaultSize;
        private final String[] fullSize;
        private final ToDoubleFunction<AgentReport> validation;
        private final ToDoubleFunction<FinalAgent> test;

        Task(
                String preset,
                String validationName,
                String testName,
                double target,
                boolean lowerIsBetter,
                String[] defaultSize,
                String[] fullSize,
                ToDoubleFunction<AgentReport> validation,
                ToDoubleFunction<FinalAgent> test) {
            this.preset = preset;
            this.validationName = validationName;
            this.testName = testName;
            this.target = target;
            this.lowerIsBetter = lowerIsBetter;
            this.defaultSize = defaultSize;
            this.fullSize = fullSize;
            this.validation = validation;
            this.test = test;
        }

        String[] size(boolean full) {
            return full ? fullSize : defaultSize;
        }

        /** The score of a report: its validation metric, negated where lower is better. */
        double score(AgentReport r) {
            return fromScore(validation.applyAsDouble(r));
        }

        /** A score back in the validation metric's units (negation is its own inverse). */
        double fromScore(double score) {
            return lowerIsBetter ? -score : score;
        }

        boolean reached(double score) {
            return score >= fromScore(target);
        }

        /** "<= 0.26" or ">= 0.98": the target as the table states it. */
        String targetText() {
            return (lowerIsBetter ? "<= " : ">= ") + target;
        }

        double test(FinalAgent f) {
            return test.applyAsDouble(f);
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The estimator E3 found best among those a user can run (closed form needs an analytic task). */
    static final String POPFLOW_ESTIMATOR = "population";

    @Override
    public String name() {
        return "baselines";
    }

    @Override
    public String plan(Size size) {
        StringBuilder sb = new StringBuilder("E4: random search, grid, Ray-style PBT, popflow's PBT, PB2; ");
        for (Task t : Task.values()) {
            sb.append(t.key())
                    .append(' ')
                    .append(String.join(" ", t.size(size.full())))
                    .append("; ");
        }
        return sb.append(Plural.of(size.seeds(10, 10), "seed")).append(" each").toString();
    }

    /** The run of {@code method} on {@code task} with seed {@code seed}. */
    static PopulationConfig config(Task task, Method method, long seed, boolean full, String projectFolder) {
        List<String> options = new ArrayList<>(List.of("output=unused", "seed=" + seed));
        options.addAll(List.of(task.size(full)));
        if (task == Task.DIABETES) {
            options.add("table.file='" + projectFolder + "/data/diabetes/diabetes.csv'");
        }
        switch (method) {
            case RANDOM, GRID ->
                options.addAll(List.of("selection=null", "selection=none", "mutation=null", "mutation=none"));
            case PBT -> options.addAll(rayPbt());
            case POPFLOW -> {
                options.addAll(rayPbt());
                options.add("fitness=" + POPFLOW_ESTIMATOR);
            }
            case PB2 ->
                options.addAll(List.of(
                        "selection=null",
                        "selection=truncation",
                        "quantile_fraction=0.25",
                        "mutation=null",
                        "mutation=pb2",
                        "fitness=last"));
        }
        var tree = ConfigLoader.set(ConfigLoader.preset(task.preset), options.toArray(String[]::new));
        if (method == Method.GRID) {
            PopulationConfig random = ConfigLoader.parse(tree).population();
            tree = ConfigLoader.set(
                    ConfigLoader.set(tree, gridOptions(random.space(), random.population())),
                    "initial_population=grid");
        }
        return ConfigLoader.parse(tree).population();
    }

    private static List<String> rayPbt() {
        return List.of(
                "selection=null",
                "selection=truncation",
                "quantile_fraction=0.25",
                "mutation=null",
                "mutation=pbt",
                "resample_probability=0.25",
                "perturbation_factors=[1.2, 0.8]",
                "fitness=last");
    }

    /**
     * A grid with at most {@code population} points: each entry gets k values at the centres of k
     * equal cells of its coordinate (a choice's values evenly picked), the k doubling entry by entry
     * in the order of hyperparam_mutations (the first, usually the learning rate, first).
     */
    static String[] gridOptions(HyperparameterSpace space, int population) {
        int d = space.size();
        int[] k = new int[d];
        Arrays.fill(k, 1);
        int points = 1;
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int i = 0; i < d && points * 2 <= population; i++) {
                if (k[i] * 2 <= mostValues(space.domain(i))) {
                    k[i] *= 2;
                    points *= 2;
                    grew = true;
                }
            }
        }
        String[] options = new String[2 * d];
        for (int i = 0; i < d; i++) {
            Domain domain = space.domain(i);
            StringBuilder values = new StringBuilder("[");
            for (int j = 0; j < k[i]; j++) {
                double u = (j + 0.5) / k[i];
                double v = domain.fromCoordinate(
                        domain.lowerCoordinate() + u * (domain.upperCoordinate() - domain.lowerCoordinate()));
                values.append(j == 0 ? "" : ", ").append(v);
            }
            values.append(']');
            String name = space.name(i);
            String entry = domain instanceof Domain.Choice c
                    ? "{values: " + Arrays.toString(choiceValues(c)) + ", initial: " + values + "}"
                    : String.format(
                            Locale.ROOT,
                            "{min: %s, max: %s, scale: %s, integer: %s, initial: %s}",
                            ((Domain.Interval) domain).min(),
                            ((Domain.Interval) domain).max(),
                            ((Domain.Interval) domain).scale().name().toLowerCase(Locale.ROOT),
                            ((Domain.Interval) domain).integer(),
                            values);
            options[2 * i] = "hyperparam_mutations." + name + "=null";
            options[2 * i + 1] = "hyperparam_mutations." + name + "=" + entry;
        }
        return options;
    }

    /** How many distinct values an entry can take on the grid: a choice's, or unbounded on an interval. */
    private static int mostValues(Domain domain) {
        return domain instanceof Domain.Choice c ? c.size() : Integer.MAX_VALUE;
    }

    private static double[] choiceValues(Domain.Choice c) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.value(i);
        }
        return v;
    }

    /** One run's numbers. */
    private record Run(double test, long stepsToTarget, double[] bestScore, double seconds) {}

    @Override
    public Result run(EmbeddedCluster cluster, Size size, Path output, Consumer<String> progress) throws Exception {
        int seeds = size.seeds(10, 10);
        String project = projectFolder().toString();
        StringBuilder md = new StringBuilder();
        List<Charts.Chart> charts = new ArrayList<>();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (Task task : Task.values()) {
            Map<Method, List<Run>> byMethod = new LinkedHashMap<>();
            ArrayNode runs = data.putArray(task.key());
            for (Method method : Method.values()) {
                List<Run> list = new ArrayList<>();
                for (int s = 1; s <= seeds; s++) {
                    PopulationConfig config = config(task, method, s, size.full(), project);
                    long start = System.nanoTime();
                    EmbeddedCluster.Finished finished = cluster.submit(config).await();
                    Run run = measure(task, config, finished, (System.nanoTime() - start) / 1e9);
                    list.add(run);
                    ObjectNode o = runs.addObject();
                    o.put("method", method.key());
                    o.put("seed", s);
                    o.put("test", run.test());
                    if (run.stepsToTarget() == Censored.NOT_REACHED) {
                        o.putNull("agent_steps_to_target");
                    } else {
                        o.put("agent_steps_to_target", run.stepsToTarget());
                    }
                    ArrayNode best = o.putArray("best_validation");
                    for (double v : run.bestScore()) {
                        best.add(v);
                    }
                    o.put("seconds", Math.round(run.seconds() * 10) / 10.0);
                    String target = run.stepsToTarget() == Censored.NOT_REACHED
                            ? "target not reached"
                            : String.format(Locale.ROOT, "target at %,d agent-steps", run.stepsToTarget());
                    progress.accept(String.format(
                            Locale.ROOT,
                            "%s %s seed %d: %s %.4f, %s (%.1f s)",
                            task.key(),
                            method.key(),
                            s,
                            task.testName,
                            run.test(),
                            target,
                            run.seconds()));
                }
                byMethod.put(method, list);
            }
            PopulationConfig sizeOf = config(task, Method.PBT, 1, size.full(), project);
            md.append(table(task, sizeOf, seeds, byMethod));
            charts.add(chart(task, byMethod));
        }
        return new Result(md.toString(), charts, data);
    }

    private static Run measure(Task task, PopulationConfig config, EmbeddedCluster.Finished finished, double seconds) {
        Reports reports =
                new Reports(finished.reports().stream().map(a -> a.value()).toList());
        int generations = config.generations();
        double[] best = new double[generations];
        long reached = Censored.NOT_REACHED;
        for (int g = 0; g < generations; g++) {
            best[g] = Summary.of(reports.values(g, task::score)).max();
            if (reached == Censored.NOT_REACHED && task.reached(best[g])) {
                reached = (long) config.population() * config.perturbationInterval() * (g + 1);
            }
        }
        FinalAgent tested = finished.finals().stream()
                .filter(FinalAgent::isTested)
                .findFirst()
                .orElseThrow();
        return new Run(task.test(tested), reached, best, seconds);
    }

    private static String table(Task task, PopulationConfig config, int seeds, Map<Method, List<Run>> byMethod) {
        long budget = (long) config.population() * config.generations() * config.perturbationInterval();
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "**%s** (%d agents x %d generations x %d steps = "
                        + "%,d agent-steps per run, seeds 1-%d). Target: the population's best %s %s.%n%n",
                task.key(),
                config.population(),
                config.generations(),
                config.perturbationInterval(),
                budget,
                seeds,
                task.validationName,
                task.targetText()));
        sb.append("| method | ")
                .append(task.testName)
                .append(": median [IQR] | reached | agent-steps to target: median "
                        + "[IQR] | s per run |\n|---|---|---:|---|---:|\n");
        for (Map.Entry<Method, List<Run>> e : byMethod.entrySet()) {
            Summary test =
                    Summary.of(e.getValue().stream().mapToDouble(Run::test).toArray());
            Censored steps = new Censored(
                    e.getValue().stream().mapToLong(Run::stepsToTarget).toArray());
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %.4f [%.4f, %.4f] | %d/%d | %s [%s, %s] | %.1f |%n",
                    e.getKey().label,
                    test.quantile(0.5),
                    test.quantile(0.25),
                    test.quantile(0.75),
                    steps.reached(),
                    steps.runs(),
                    Censored.show(steps.median()),
                    Censored.show(steps.quantile(0.25)),
                    Censored.show(steps.quantile(0.75)),
                    Summary.of(e.getValue().stream().mapToDouble(Run::seconds).toArray())
                            .quantile(0.5)));
        }
        return sb.append('\n').toString();
    }

    private static Charts.Chart chart(Task task, Map<Method, List<Run>> byMethod) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<Method, List<Run>> e : byMethod.entrySet()) {
            XYSeries s = new XYSeries(e.getKey().label);
            int generations = e.getValue().get(0).bestScore().length;
            for (int g = 0; g < generations; g++) {
                int at = g;
                ToDoubleFunction<Run> value = r -> r.bestScore()[at];
                double v = Summary.of(e.getValue().stream().mapToDouble(value).toArray())
                        .quantile(0.5);
                s.add(g, task.fromScore(v));
            }
            data.addSeries(s);
        }
        return Charts.line(
                "e4-" + task.key() + ".png",
                "E4 (" + task.key() + "): the population's best " + task.validationName + ", median over seeds",
                task.validationName,
                data);
    }

    /** The project folder (the diabetes data is there): the working folder or one above it. */
    static Path projectFolder() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.exists(folder.resolve("data/diabetes/diabetes.csv"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new InvalidOptionException(
                    "experiment", "baselines needs data/diabetes/diabetes.csv: " + "run it from the project folder");
        }
        return folder;
    }
}
