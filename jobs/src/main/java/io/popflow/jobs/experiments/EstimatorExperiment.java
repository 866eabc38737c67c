package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.report.Charts;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.theory.EstimatorRace;
import io.popflow.math.Censored;
import io.popflow.math.Summary;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * E3, effective fitness: PBT selecting on {@code last} (one end-of-window value), {@code window} (the
 * mean over the window's second half), {@code ema} (across generations), {@code population} (a
 * kernel regression over h across agents) and {@code closed_form} (the exact F(h)), at equal
 * agent-steps, in {@link EstimatorRace}: agent-steps until the population's median F(h) closes 95 %
 * of its gap to the best, over many seeds, with runs that never reach counted as censored. The
 * window estimator evaluates fitness at every step of the window's second half: more evaluations,
 * which agent-steps do not count.
 */
public final class EstimatorExperiment implements Experiment {
    private static final FitnessEstimator[] ESTIMATORS = {
        FitnessEstimator.LAST,
        FitnessEstimator.WINDOW,
        FitnessEstimator.EMA,
        FitnessEstimator.POPULATION,
        FitnessEstimator.CLOSED_FORM
    };

    @Override
    public String name() {
        return "estimators";
    }

    private static List<EstimatorRace.Task> tasks(Size size) {
        return size.full()
                ? List.of(EstimatorRace.Task.QUADRATIC, EstimatorRace.Task.PBT_TOY)
                : List.of(EstimatorRace.Task.QUADRATIC);
    }

    @Override
    public String plan(Size size) {
        return String.format(
                Locale.ROOT,
                "E3: estimators last, window, ema, population, closed-form on %s, %s each, "
                        + "%d agents x %d generations x %d steps",
                tasks(size),
                Plural.of(size.seeds(20, 50), "seed"),
                EstimatorRace.POPULATION,
                EstimatorRace.GENERATIONS,
                EstimatorRace.INTERVAL);
    }

    @Override
    public Result run(EmbeddedCluster cluster, Size size, Path output, Consumer<String> progress) throws Exception {
        int seeds = size.seeds(20, 50);
        StringBuilder md = new StringBuilder();
        List<Charts.Chart> charts = new ArrayList<>();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (EstimatorRace.Task task : tasks(size)) {
            String taskName = task.name().toLowerCase(Locale.ROOT).replace('_', '-');
            Map<FitnessEstimator, long[]> steps = new LinkedHashMap<>();
            Map<FitnessEstimator, double[]> finalF = new LinkedHashMap<>();
            for (FitnessEstimator e : ESTIMATORS) {
                steps.put(e, new long[seeds]);
                finalF.put(e, new double[seeds]);
            }
            ArrayNode runs = data.putArray(taskName);
            for (int s = 0; s < seeds; s++) {
                long seed = 100 + s;
                EstimatorRace.Outcome last = EstimatorRace.baseline(cluster, task, seed);
                for (FitnessEstimator e : ESTIMATORS) {
                    EstimatorRace.Outcome o = e == FitnessEstimator.LAST
                            ? last
                            : EstimatorRace.run(cluster, task, seed, FitnessEstimate.of(e), last.target());
                    steps.get(e)[s] = o.steps();
                    finalF.get(e)[s] = o.finalMedianF();
                    ObjectNode r = runs.addObject();
                    r.put("seed", seed);
                    r.put("estimator", label(e));
                    if (o.steps() == Censored.NOT_REACHED) {
                        r.putNull("agent_steps_to_target");
                    } else {
                        r.put("agent_steps_to_target", o.steps());
                    }
                    r.put("final_median_true_fitness", o.finalMedianF());
                    r.put("target", o.target());
                }
                progress.accept(String.format(
                        Locale.ROOT,
                        "%s seed %d: %s",
                        taskName,
                        seed,
                        String.join(
                                ", ",
                                java.util.Arrays.stream(ESTIMATORS)
                                        .map(e -> label(e) + " " + Censored.show(steps.get(e)[seedIndex(seed)]))
                                        .toList())));
            }
            md.append(table(taskName, seeds, steps, finalF));
            charts.add(reachedChart(taskName, steps));
        }
        return new Result(md.toString(), charts, data);
    }

    private static int seedIndex(long seed) {
        return (int) (seed - 100);
    }

    private static String label(FitnessEstimator e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String table(
            String task, int seeds, Map<FitnessEstimator, long[]> steps, Map<FitnessEstimator, double[]> finalF) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%s, %s (100-%d), budget %,d agent-steps; "
                        + "agent-steps to the target (95 %% of the gap to the best F), censored runs last:%n%n",
                task,
                Plural.of(seeds, "seed"),
                99 + seeds,
                EstimatorRace.budget()));
        sb.append("| estimator | reached | median agent-steps | IQR | against last, per seed: earlier / same / later / "
                + "neither reached | final median F(h): median [IQR] |\n|---|---:|---:|---|---|---|\n");
        long[] last = steps.get(FitnessEstimator.LAST);
        for (Map.Entry<FitnessEstimator, long[]> e : steps.entrySet()) {
            Censored c = new Censored(e.getValue());
            int earlier = 0;
            int same = 0;
            int later = 0;
            int neither = 0;
            for (int s = 0; s < seeds; s++) {
                long mine = e.getValue()[s];
                if (mine == Censored.NOT_REACHED && last[s] == Censored.NOT_REACHED) {
                    neither++;
                } else if (mine < last[s]) {
                    earlier++;
                } else if (mine == last[s]) {
                    same++;
                } else {
                    later++;
                }
            }
            Summary f = Summary.of(finalF.get(e.getKey()));
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d/%d | %s | %s - %s | %s |%s|%n",
                    label(e.getKey()),
                    c.reached(),
                    seeds,
                    Censored.show(c.median()),
                    Censored.show(c.quantile(0.25)),
                    Censored.show(c.quantile(0.75)),
                    e.getKey() == FitnessEstimator.LAST
                            ? "-"
                            : earlier + " / " + same + " / " + later + " / " + neither,
                    String.format(
                            Locale.ROOT, " %.4f [%.4f, %.4f] ", f.quantile(0.5), f.quantile(0.25), f.quantile(0.75))));
        }
        return sb.append('\n').toString();
    }

    /** The share of runs that have reached the target by each budget: a curve per estimator. */
    private static Charts.Chart reachedChart(String task, Map<FitnessEstimator, long[]> steps) {
        XYSeriesCollection data = new XYSeriesCollection();
        long step = (long) EstimatorRace.POPULATION * EstimatorRace.INTERVAL;
        for (Map.Entry<FitnessEstimator, long[]> e : steps.entrySet()) {
            Censored c = new Censored(e.getValue());
            XYSeries s = new XYSeries(label(e.getKey()));
            for (long t = step; t <= EstimatorRace.budget(); t += step) {
                s.add(t, c.reachedBy(t));
            }
            data.addSeries(s);
        }
        return Charts.line(
                "e3-reached-" + task + ".png",
                "E3 (" + task + "): share of runs at the target by agent-steps",
                "agent-steps",
                "share of runs that reached",
                data);
    }
}
