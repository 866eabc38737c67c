package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.report.Charts;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.theory.Reports;
import io.popflow.jobs.theory.W1Point;
import io.popflow.math.LeastSquares;
import io.popflow.theory.Grid;
import io.popflow.theory.ReducedPrediction;
import io.popflow.theory.Wasserstein;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * E1, the large-population regime: the bilevel quadratic of the {@code reduced-sphere} preset (θ
 * pulled to h, fitness −a|θ − c|², closed-form effective fitness), Boltzmann selection and
 * Gaussian mutation, for N = 10² to 10⁴ agents. The population's density of h after the last
 * generation is compared with the reduced equation's (the discrete mean-field map, {@link
 * ReducedPrediction}) by the W₁ distance, whose decay with N is fitted on log-log axes: propagation
 * of chaos predicts the slope −1/2.
 */
public final class LargePopulationExperiment implements Experiment {
    private static final int GENERATIONS = 20;

    @Override
    public String name() {
        return "large-population";
    }

    private static int[] populations(Size size) {
        return size.full() ? new int[] {100, 300, 1_000, 3_000, 10_000} : new int[] {100, 300, 1_000, 3_000};
    }

    @Override
    public String plan(Size size) {
        return String.format(
                Locale.ROOT,
                "E1: N = %s, %s each, %d generations of the reduced-sphere preset",
                Arrays.toString(populations(size)),
                Plural.of(size.seeds(3, 5), "seed"),
                GENERATIONS);
    }

    static PopulationConfig config(int population, long seed) {
        return ConfigLoader.parse(ConfigLoader.set(
                        ConfigLoader.preset("reduced-sphere"),
                        "output=unused",
                        "population=" + population,
                        "seed=" + seed,
                        "generations=" + GENERATIONS,
                        // closed-form fitness does not read θ: one fast step a generation is enough
                        "perturbation_interval=1",
                        "chunk_steps=1"))
                .population();
    }

    @Override
    public Result run(EmbeddedCluster cluster, Size size, Path output, Consumer<String> progress) throws Exception {
        int[] populations = populations(size);
        int seeds = size.seeds(3, 5);
        ReducedPrediction prediction =
                ReducedPrediction.of(config(populations[0], 1), GENERATIONS).orElseThrow();
        int last = GENERATIONS - 1;
        Grid grid = prediction.grid();
        double[] predicted = prediction.densities()[last];

        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode points = data.putArray("populations");
        double[] logN = new double[populations.length];
        double[] logW = new double[populations.length];
        double[] finalLargest = null;
        StringBuilder table = new StringBuilder(
                "| N | W₁ to the reduced equation (mean ± standard error) | W₁ by seed |\n" + "|---:|---:|---|\n");
        for (int k = 0; k < populations.length; k++) {
            int n = populations[k];
            double[] w = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                long start = System.nanoTime();
                Reports reports = new Reports(cluster.run(config(n, s + 1)));
                double[] h = reports.h0(last);
                w[s] = Wasserstein.toDensity(h, grid, predicted);
                if (k == populations.length - 1 && s == 0) {
                    finalLargest = h;
                }
                progress.accept(String.format(
                        Locale.ROOT,
                        "N=%d seed %d: W1 %.4f (%.1f s)",
                        n,
                        s + 1,
                        w[s],
                        (System.nanoTime() - start) / 1e9));
            }
            W1Point point = new W1Point(n, w);
            point.appendTo(points);
            logN[k] = Math.log(n);
            logW[k] = Math.log(point.mean());
            table.append(String.format(
                    Locale.ROOT,
                    "| %,d | %.4f ± %.4f | %s |%n",
                    n,
                    point.mean(),
                    point.standardError(),
                    Arrays.stream(w)
                            .mapToObj(v -> String.format(Locale.ROOT, "%.4f", v))
                            .toList()));
        }
        double slope = LeastSquares.slope(logN, logW);
        double intercept = Reports.mean(logW) - slope * Reports.mean(logN);
        data.put("slope", slope);
        data.put("generations", GENERATIONS);
        data.put("seeds", seeds);
        String markdown = String.format(
                Locale.ROOT,
                "%s%nFitted slope of log W₁ against log N: **%.3f** (propagation of "
                        + "chaos: −0.5). W₁ after generation %d, seeds 1-%d, the reduced-sphere preset with N agents, "
                        + "perturbation_interval 1 (closed-form fitness reads no θ).%n",
                table,
                slope,
                last,
                seeds);

        List<Charts.Chart> charts = new ArrayList<>();
        XYSeriesCollection w1 = new XYSeriesCollection();
        XYSeries measured = new XYSeries("W₁, mean over seeds");
        XYSeries fitted = new XYSeries(String.format(Locale.ROOT, "fit: slope %.2f", slope));
        XYSeries reference = new XYSeries("N^(-1/2) through the first point");
        for (int k = 0; k < populations.length; k++) {
            measured.add(populations[k], Math.exp(logW[k]));
            fitted.add(populations[k], Math.exp(intercept + slope * logN[k]));
            reference.add(populations[k], Math.exp(logW[0]) * Math.sqrt(populations[0] / (double) populations[k]));
        }
        w1.addSeries(measured);
        w1.addSeries(fitted);
        w1.addSeries(reference);
        Charts.Chart chart = Charts.logLog(
                "e1-w1-vs-n.png",
                "E1: W₁ between the population and the reduced equation",
                "agents N",
                "W₁ after generation " + last,
                w1);
        Charts.markersOnly(chart, 0);
        Charts.dashed(chart, 2);
        charts.add(chart);
        charts.add(density(grid, predicted, finalLargest, populations[populations.length - 1], last));
        return new Result(markdown, charts, data);
    }

    /** The largest population's histogram of h against the predicted density, both as densities on the grid's range. */
    private static Charts.Chart density(Grid grid, double[] predicted, double[] h, int n, int generation) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries population = new XYSeries(String.format(Locale.ROOT, "population, N = %,d (seed 1)", n));
        int bins = 80;
        double width = (grid.hi() - grid.lo()) / bins;
        int[] counts = new int[bins];
        for (double v : h) {
            counts[Math.min(bins - 1, Math.max(0, (int) ((v - grid.lo()) / width)))]++;
        }
        for (int b = 0; b < bins; b++) {
            population.add(grid.lo() + (b + 0.5) * width, counts[b] / (h.length * width));
        }
        XYSeries equation = new XYSeries("reduced equation");
        double mass = grid.mass(predicted);
        for (int i = 0; i < grid.n(); i++) {
            equation.add(grid.center(i), predicted[i] / mass);
        }
        data.addSeries(population);
        data.addSeries(equation);
        return Charts.line(
                "e1-density.png",
                "E1: density of h after generation " + generation + ", population and equation",
                "h (x0)",
                "density",
                data);
    }
}
