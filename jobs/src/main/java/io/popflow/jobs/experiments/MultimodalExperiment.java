package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentReport;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.report.Charts;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.theory.Reports;
import io.popflow.math.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * E2, a multimodal outer fitness: agents' θ pulled to h = (x0, x1) by Langevin dynamics, fitness
 * −g(θ) with g Himmelblau's function (four minima, g = 0), Boltzmann selection on the noisy
 * end-of-window fitness and Gaussian mutation of h. The temperature T sets how noisy one fitness
 * value is (θ's Gibbs spread around h) and also reshapes the effective fitness F(h) = −E g(θ); the
 * mutation strength σ sets how far offspring move. Measured, generation by generation: the
 * population's diversity (root mean square distance of h to its centroid) and the modes occupied
 * (minima with at least 5 % of the agents within distance 1).
 */
public final class MultimodalExperiment implements Experiment {
    /** Himmelblau's minima (Landscape.HIMMELBLAU, closed-forms §7). */
    static final double[][] MINIMA = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};

    private static final double RADIUS = 1;
    private static final double SHARE = 0.05;
    private static final double[] TEMPERATURES = {0.01, 0.3, 1.0};
    private static final double[] STRENGTHS = {0.05, 0.2, 0.5};
    private static final int POPULATION = 100;
    private static final int GENERATIONS = 40;

    @Override
    public String name() {
        return "multimodal";
    }

    @Override
    public String plan(Size size) {
        return String.format(
                Locale.ROOT,
                "E2: Himmelblau, temperatures %s x mutation strengths %s, %d agents, %d " + "generations, %s each",
                java.util.Arrays.toString(TEMPERATURES),
                java.util.Arrays.toString(STRENGTHS),
                POPULATION,
                GENERATIONS,
                Plural.of(size.seeds(3, 10), "seed"));
    }

    static PopulationConfig config(double temperature, double strength, long seed) {
        return ConfigLoader.parse(ConfigLoader.set(
                        ConfigLoader.preset("reduced-sphere"),
                        "output=unused",
                        "seed=" + seed,
                        "population=" + POPULATION,
                        "generations=" + GENERATIONS,
                        "perturbation_interval=20",
                        "chunk_steps=20",
                        "hyperparameters={lr: 0.05, temperature: " + temperature + "}",
                        "hyperparam_mutations=null",
                        "hyperparam_mutations={x0: {min: -5, max: 5}, x1: {min: -5, max: 5}}",
                        "landscape=null",
                        "landscape={function: himmelblau, dimension: 2}",
                        "selection={rule: boltzmann, strength: 0.05}",
                        "mutation=null",
                        "mutation={kernel: gaussian, strength: " + strength + ", dt: 1}",
                        "fitness=last"))
                .population();
    }

    /** How one setting did over its seeds, generation by generation (medians over seeds). */
    private record Setting(
            double temperature,
            double strength,
            double[] diversity,
            double[] modes,
            double[] finalModes,
            double[] finalMedianG) {}

    @Override
    public Result run(EmbeddedCluster cluster, Size size, Path output, Consumer<String> progress) throws Exception {
        int seeds = size.seeds(3, 10);
        List<Setting> settings = new ArrayList<>();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode runs = data.putArray("runs");
        for (double t : TEMPERATURES) {
            for (double sigma : STRENGTHS) {
                double[][] diversity = new double[GENERATIONS][seeds];
                double[][] modes = new double[GENERATIONS][seeds];
                double[] finalModes = new double[seeds];
                double[] finalG = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    long start = System.nanoTime();
                    Reports reports = new Reports(cluster.run(config(t, sigma, s + 1)));
                    ObjectNode r = runs.addObject();
                    r.put("temperature", t);
                    r.put("mutation_strength", sigma);
                    r.put("seed", s + 1);
                    ArrayNode div = r.putArray("diversity");
                    ArrayNode occ = r.putArray("modes_occupied");
                    for (int g = 0; g < GENERATIONS; g++) {
                        double[][] h = positions(reports.generation(g));
                        diversity[g][s] = diversity(h);
                        modes[g][s] = modesOccupied(h);
                        div.add(diversity[g][s]);
                        occ.add(modes[g][s]);
                    }
                    finalModes[s] = modes[GENERATIONS - 1][s];
                    finalG[s] = medianG(positions(reports.generation(GENERATIONS - 1)));
                    r.put("final_median_g", finalG[s]);
                    progress.accept(String.format(
                            Locale.ROOT,
                            "T=%s sigma=%s seed %d: modes %d, diversity %.2f, median g(h) %.2f (%.1f s)",
                            t,
                            sigma,
                            s + 1,
                            (int) finalModes[s],
                            diversity[GENERATIONS - 1][s],
                            finalG[s],
                            (System.nanoTime() - start) / 1e9));
                }
                settings.add(new Setting(t, sigma, medians(diversity), medians(modes), finalModes, finalG));
            }
        }
        return new Result(
                table(settings, seeds),
                List.of(
                        overGenerations(
                                settings,
                                "e2-diversity.png",
                                "E2: diversity of h (RMS distance to the centroid), median over seeds",
                                "RMS distance",
                                Setting::diversity),
                        overGenerations(
                                settings,
                                "e2-modes.png",
                                "E2: Himmelblau minima occupied by ≥ 5 % of agents, median over seeds",
                                "modes occupied",
                                Setting::modes)),
                data);
    }

    private static String table(List<Setting> settings, int seeds) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "Himmelblau, %d agents, %d generations of 20 "
                        + "SGLD steps, Boltzmann selection α = 0.05 on the end-of-window fitness, Gaussian mutation of strength σ "
                        + "(dt 1), seeds 1-%d. Modes occupied after the last generation: median [min, max] over seeds; diversity: "
                        + "median RMS distance of h to the centroid; g(h): median over agents, then over seeds.%n%n",
                POPULATION,
                GENERATIONS,
                seeds));
        sb.append(
                "| temperature T | mutation σ | modes occupied | diversity, last generation | g(h), last generation |\n");
        sb.append("|---:|---:|---|---:|---:|\n");
        for (Setting s : settings) {
            Summary m = Summary.of(s.finalModes());
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.0f [%.0f, %.0f] | %.2f | %.3f |%n",
                    s.temperature(),
                    s.strength(),
                    m.quantile(0.5),
                    m.min(),
                    m.max(),
                    s.diversity()[GENERATIONS - 1],
                    Summary.of(s.finalMedianG()).quantile(0.5)));
        }
        return sb.append('\n').toString();
    }

    private static Charts.Chart overGenerations(
            List<Setting> settings,
            String file,
            String title,
            String yLabel,
            java.util.function.Function<Setting, double[]> values) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Setting s : settings) {
            XYSeries series = new XYSeries("T " + s.temperature() + ", σ " + s.strength());
            double[] v = values.apply(s);
            for (int g = 0; g < v.length; g++) {
                series.add(g, v[g]);
            }
            data.addSeries(series);
        }
        return Charts.line(file, title, yLabel, data);
    }

    private static double[] medians(double[][] byGenerationAndSeed) {
        double[] m = new double[byGenerationAndSeed.length];
        for (int g = 0; g < m.length; g++) {
            m[g] = Summary.of(byGenerationAndSeed[g]).quantile(0.5);
        }
        return m;
    }

    private static double[][] positions(List<AgentReport> reports) {
        return reports.stream().map(AgentReport::hyperparameters).toArray(double[][]::new);
    }

    static double diversity(double[][] h) {
        double cx = 0;
        double cy = 0;
        for (double[] p : h) {
            cx += p[0] / h.length;
            cy += p[1] / h.length;
        }
        double s = 0;
        for (double[] p : h) {
            s += ((p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy)) / h.length;
        }
        return Math.sqrt(s);
    }

    static int modesOccupied(double[][] h) {
        int occupied = 0;
        for (double[] m : MINIMA) {
            int near = 0;
            for (double[] p : h) {
                near += Math.hypot(p[0] - m[0], p[1] - m[1]) <= RADIUS ? 1 : 0;
            }
            occupied += near >= SHARE * h.length ? 1 : 0;
        }
        return occupied;
    }

    private static double medianG(double[][] h) {
        double[] g = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            double x = h[i][0];
            double y = h[i][1];
            g[i] = Math.pow(x * x + y - 11, 2) + Math.pow(x + y * y - 7, 2);
        }
        return Summary.of(g).quantile(0.5);
    }
}
