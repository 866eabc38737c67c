package io.popflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code popflow bench}: measures, in one run, the pipeline against a framework-free loop, a user's
 * {@code Objective} against the built-in task it reimplements, the gradient step against sgemm and
 * DL4J, scaling to 10,000 agents and feedback latency (in-JVM and Kafka edges); prints the ratios
 * and writes {@code bench.json} (name, value, unit, target, met, details). {@code --only} measures
 * some groups of figures alone.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput, kernels, scaling and latency.")
public final class BenchCommand implements Callable<Integer> {
    public static final String FILE = "bench.json";

    @Option(names = "--output", required = true, description = "Folder for bench.json.")
    Path output;

    @Option(names = "--quick", description = "Short runs: a smoke test of the benchmark, not a measurement.")
    boolean quick;

    /** The figures' groups; lower case, as they are the words {@code --only} takes. */
    enum Group {
        kernels,
        pipeline,
        objective,
        scaling,
        es,
        feedback,
        kafka
    }

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "GROUP",
            description = "Measure only these groups (comma-separated, repeatable): ${COMPLETION-CANDIDATES}."
                    + " Default: all.")
    List<Group> only;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot create folder " + output + ": " + e.getMessage());
        }
        Set<Group> groups = only == null || only.isEmpty() ? EnumSet.allOf(Group.class) : EnumSet.copyOf(only);
        List<BenchFigure> figures = new ArrayList<>();
        if (groups.contains(Group.kernels)) {
            say("kernels (JMH, forked JVM)");
            figures.addAll(Kernels.run(quick));
        }
        boolean onTheJob = groups.stream().anyMatch(g -> g != Group.kernels);
        if (onTheJob) {
            Path checkpoints = Files.createTempDirectory("popflow-bench-checkpoints");
            try (EmbeddedCluster cluster = new EmbeddedCluster(PipelineBenchmarks.THREADS, checkpoints)) {
                if (groups.contains(Group.pipeline)) {
                    say("pipeline against the plain loop");
                    figures.add(PipelineBenchmarks.throughputAgainstLoop(cluster, quick));
                }
                if (groups.contains(Group.objective)) {
                    say("a user's Objective against the built-in quadratic task");
                    figures.add(ObjectiveOverheadBenchmark.run(cluster, quick));
                }
                if (groups.contains(Group.scaling)) {
                    say("scaling");
                    figures.addAll(PipelineBenchmarks.scaling(cluster, quick));
                }
                if (groups.contains(Group.es)) {
                    say("evolution strategies: feedback bytes and members per second");
                    figures.addAll(EsBenchmarks.run(cluster, quick));
                }
                if (groups.contains(Group.feedback)) {
                    say("feedback latency");
                    figures.addAll(PipelineBenchmarks.feedbackLatency(cluster, quick));
                }
                if (groups.contains(Group.kafka)) {
                    say("Kafka feedback latency (starts a local broker)");
                    figures.addAll(PipelineBenchmarks.kafkaFeedbackLatency(cluster, quick));
                }
            } finally {
                FileUtils.deleteDirectory(checkpoints.toFile());
            }
        }
        spec.commandLine().getOut().println(table(figures));
        write(figures, output.resolve(FILE));
        spec.commandLine().getOut().println("results: " + output.resolve(FILE).toAbsolutePath());
        return 0;
    }

    private void say(String what) {
        spec.commandLine().getOut().println("popflow bench: " + what + " ...");
    }

    static String table(List<BenchFigure> figures) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-72s %12s %-8s %-10s %s%n", "figure", "value", "unit", "target", "met"));
        for (BenchFigure f : figures) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-72s %12.4g %-8s %-10s %s%n",
                    f.name(),
                    f.value(),
                    f.unit(),
                    f.target(),
                    f.target().isEmpty() ? "" : f.met() ? "yes" : "NO"));
        }
        return sb.toString().stripTrailing();
    }

    static void write(List<BenchFigure> figures, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode out = json.createArrayNode();
        for (BenchFigure f : figures) {
            ObjectNode o = out.addObject();
            o.put("name", f.name());
            o.put("value", f.value());
            o.put("unit", f.unit());
            o.put("target", f.target());
            o.put("met", f.met());
            if (f.details() != null) {
                o.set("details", f.details());
            }
        }
        json.writeValue(file.toFile(), out);
    }
}
