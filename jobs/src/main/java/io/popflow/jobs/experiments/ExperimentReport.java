package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.run.Plural;
import io.popflow.math.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The CartPole experiment's tables: per k and generation, the median over seeds of the population's
 * mean fitness and mean return, with the smallest and largest seed's value, for PBT and for no
 * population update side by side; and every run's numbers as JSON.
 */
public final class ExperimentReport {
    public static final String FILE = "cartpole-experiment.json";

    private ExperimentReport() {}

    /** Markdown tables, one per k. */
    public static String tables(List<CartPoleExperiment.Run> runs) {
        StringBuilder sb = new StringBuilder();
        for (int k :
                runs.stream().mapToInt(CartPoleExperiment.Run::k).distinct().toArray()) {
            List<CartPoleExperiment.Run> pbt = select(runs, k, CartPoleExperiment.Arm.PBT);
            List<CartPoleExperiment.Run> none = select(runs, k, CartPoleExperiment.Arm.NONE);
            sb.append(String.format(
                    Locale.ROOT,
                    "k = %d (%s; median [min, max] over seeds of the population mean)%n%n",
                    k,
                    Plural.of(pbt.size(), "seed")));
            sb.append("| generation | PBT fitness | PBT return | no selection: fitness | no selection: return |\n");
            sb.append("|---:|---:|---:|---:|---:|\n");
            int generations = pbt.get(0).meanFitness().length;
            for (int g = 0; g < generations; g++) {
                int at = g;
                sb.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %s | %s | %s |%n",
                        g + 1,
                        cell(pbt, r -> r.meanFitness()[at]),
                        cell(pbt, r -> r.meanReturn()[at]),
                        cell(none, r -> r.meanFitness()[at]),
                        cell(none, r -> r.meanReturn()[at])));
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "%nagent-steps per run: %,d (both arms)%n%n",
                    pbt.get(0).agentSteps()));
        }
        return sb.toString();
    }

    private static List<CartPoleExperiment.Run> select(
            List<CartPoleExperiment.Run> runs, int k, CartPoleExperiment.Arm arm) {
        return runs.stream().filter(r -> r.k() == k && r.arm() == arm).toList();
    }

    private static String cell(List<CartPoleExperiment.Run> runs, Function<CartPoleExperiment.Run, Double> value) {
        double[] v =
                runs.stream().mapToDouble(value::apply).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        Summary s = Summary.of(v);
        return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", s.quantile(0.5), s.min(), s.max());
    }

    /** Every run's per-generation numbers. */
    public static void write(List<CartPoleExperiment.Run> runs, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode all = json.createArrayNode();
        for (CartPoleExperiment.Run r : runs) {
            ObjectNode o = all.addObject();
            o.put("k", r.k());
            o.put("seed", r.seed());
            o.put("arm", r.arm().name().toLowerCase(Locale.ROOT));
            o.put("agent_steps", r.agentSteps());
            o.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            ArrayNode f = o.putArray("mean_fitness");
            ArrayNode ret = o.putArray("mean_return");
            for (int g = 0; g < r.meanFitness().length; g++) {
                f.add(r.meanFitness()[g]);
                ret.add(r.meanReturn()[g]);
            }
        }
        json.writeValue(file.toFile(), all);
    }
}
