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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code popflow bench}: measures, in one run, the pipeline against a framework-free loop, the
 * gradient step against sgemm and DL4J, scaling to 10,000 agents and feedback latency (in-JVM and Kafka edges); prints the
 * ratios and writes {@code bench.json} (name, value, unit, target, met, details).
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot create folder " + output + ": " + e.getMessage());
        }
        List<BenchFigure> figures = new ArrayList<>();
        say("kernels (JMH, forked JVM)");
        figures.addAll(Kernels.run(quick));
        Path checkpoints = Files.createTempDirectory("popflow-bench-checkpoints");
        try (EmbeddedCluster cluster = new EmbeddedCluster(PipelineBenchmarks.THREADS, checkpoints)) {
            say("pipeline against the plain loop");
            figures.add(PipelineBenchmarks.throughputAgainstLoop(cluster, quick));
            say("scaling");
            figures.addAll(PipelineBenchmarks.scaling(cluster, quick));
            say("evolution strategies: feedback bytes and members per second");
            figures.addAll(EsBenchmarks.run(cluster, quick));
            say("feedback latency");
            figures.addAll(PipelineBenchmarks.feedbackLatency(cluster, quick));
            say("Kafka feedback latency (starts a local broker)");
            figures.addAll(PipelineBenchmarks.kafkaFeedbackLatency(cluster, quick));
        } finally {
            FileUtils.deleteDirectory(checkpoints.toFile());
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
