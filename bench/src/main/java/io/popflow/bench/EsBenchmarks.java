package io.popflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.es.DistributionSummary;
import io.popflow.jobs.EmbeddedCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * Evolution strategies on the job: the feedback edge's bytes per generation with 1,000 members for
 * two network sizes (they must not depend on it: members rebuild their weights from the seed), and
 * members evaluated per second in the steady state.
 */
final class EsBenchmarks {
    static final int MEMBERS = 1_000;

    private EsBenchmarks() {}

    static List<BenchFigure> run(EmbeddedCluster cluster, boolean quick) throws Exception {
        int generations = quick ? 2 : 4;
        int[] hidden = {64, 256};
        long[] bytes = new long[hidden.length];
        int[] dimension = new int[hidden.length];
        double[] membersPerSecond = new double[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            PopulationConfig c = PipelineBenchmarks.config(
                    "es-digits",
                    "population=" + (quick ? 100 : MEMBERS),
                    "generations=" + generations,
                    "model.hidden=[" + hidden[i] + "]",
                    "parallelism=" + PipelineBenchmarks.THREADS);
            EmbeddedCluster.Finished run = cluster.submit(c).await();
            // generation 0's update goes out like every other; the last is the final mean's directive
            DistributionSummary first = run.distributions().stream()
                    .filter(d -> d.generation() == 0)
                    .findFirst()
                    .orElseThrow();
            bytes[i] = first.feedbackBytes();
            dimension[i] = first.dimension();
            long[] ends = run.generationEnds();
            membersPerSecond[i] =
                    (double) c.population() * (generations - 1) / ((ends[generations - 1] - ends[0]) / 1e9);
        }
        List<BenchFigure> figures = new ArrayList<>();
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < hidden.length; i++) {
            ObjectNode d = details.putObject("hidden_" + hidden[i]);
            d.put("weights", dimension[i]);
            d.put("feedback_bytes_per_generation", bytes[i]);
            d.put("weight_vector_bytes", 4L * dimension[i]);
            d.put("members_evaluated_per_s", membersPerSecond[i]);
        }
        details.put(
                "setup",
                "es-digits preset (OpenAI-ES, digits 64-H-10), " + (quick ? 100 : MEMBERS)
                        + " members, parallelism 2; bytes of generation 0's commands as the edge's serializer writes them");
        figures.add(new BenchFigure(
                "ES feedback bytes per generation, " + (quick ? 100 : MEMBERS) + " members, d = " + dimension[0],
                bytes[0],
                "bytes",
                "",
                true,
                details));
        double ratio = (double) bytes[1] / bytes[0];
        figures.add(new BenchFigure(
                "ES feedback bytes per generation, d = " + dimension[1] + " / d = " + dimension[0],
                ratio,
                "ratio",
                "== 1",
                ratio == 1,
                details));
        figures.add(new BenchFigure(
                "ES members evaluated per second (digits, d = " + dimension[0] + ", steady state)",
                membersPerSecond[0],
                "members/s",
                "",
                true,
                details));
        return figures;
    }
}
