package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.HyperparameterSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Runs the real job on the test's MiniCluster with file outputs, and reads the outputs back. */
final class JobRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobRuns() {}

    /** The tests' cluster: one task manager with a slot per agent subtask (parallelism 2). */
    static MiniClusterExtension cluster() {
        return cluster(new Configuration());
    }

    /** The tests' cluster with {@code configuration} (a metric reporter, say). */
    static MiniClusterExtension cluster(Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /**
     * A preset with options changed in order: {@code key=value} sets a dotted path, {@code -key}
     * removes one (a preset's option another task does not have).
     */
    static PopulationConfig config(String preset, String... options) {
        ObjectNode tree = ConfigLoader.set(ConfigLoader.preset(preset), "output=unused");
        for (String option : options) {
            if (option.startsWith("-")) {
                String[] path = option.substring(1).split("\\.");
                ObjectNode at = tree;
                for (int i = 0; i < path.length - 1; i++) {
                    at = (ObjectNode) at.get(path[i]);
                }
                at.remove(path[path.length - 1]);
            } else {
                tree = ConfigLoader.set(tree, option);
            }
        }
        return ConfigLoader.parse(tree).population();
    }

    /** What a run wrote, one parsed JSON object per line. */
    record Outputs(
            JobID jobId,
            List<JsonNode> reports,
            List<JsonNode> summaries,
            List<JsonNode> lineage,
            List<JsonNode> finals) {

        /**
         * Report lines ordered by (agent, generation), as their order in the file depends on
         * scheduling, and without the one wall-clock field, the decision latency.
         */
        List<String> reportsInOrder() {
            return texts(reports, BY_AGENT_AND_GENERATION, "decision_latency_ms");
        }

        List<String> finalsInOrder() {
            return texts(finals, Comparator.comparingInt(r -> r.get("agent").asInt()));
        }
    }

    static final Comparator<JsonNode> BY_AGENT_AND_GENERATION = Comparator.comparingInt(
                    (JsonNode r) -> r.get("agent").asInt())
            .thenComparingInt(r -> r.get("generation").asInt());
    static final Comparator<JsonNode> BY_GENERATION =
            Comparator.comparingInt(r -> r.get("generation").asInt());

    /** JSON records as text, without {@code fields}, ordered by {@code order} (null keeps their order). */
    static List<String> texts(List<JsonNode> nodes, Comparator<JsonNode> order, String... fields) {
        return (order == null ? nodes.stream() : nodes.stream().sorted(order))
                .map(n -> {
                    ObjectNode copy = n.deepCopy();
                    copy.remove(List.of(fields));
                    return copy.toString();
                })
                .toList();
    }

    /**
     * Runs {@code config} to the end with JSON Lines outputs in {@code folder}; {@code extra} sinks see
     * the generation summaries too. Without restarts: a failure fails the run and the test (Flink would
     * otherwise restart a checkpointed job without end), so that no test passes on a restored run
     * unless it asks for restarts with {@link #runWithRestarts}.
     */
    @SafeVarargs
    static Outputs run(PopulationConfig config, Path folder, Sink<GenerationSummary>... extra) throws Exception {
        return runJob(config, folder, sinks -> PopulationTrainingJob.withInJvmFeedback(config, sinks), extra);
    }

    /**
     * {@link #run}, with up to {@value #RESTART_ATTEMPTS} restarts from the latest checkpoint: for the
     * tests that inject a failure ({@link FailOnce}) and check what the restored run ends with.
     */
    @SafeVarargs
    static Outputs runWithRestarts(PopulationConfig config, Path folder, Sink<GenerationSummary>... extra)
            throws Exception {
        return runJobWithRestarts(
                config, folder, sinks -> PopulationTrainingJob.withInJvmFeedback(config, sinks), extra);
    }

    /** Runs the job {@code job} builds around the file sinks (and {@code extra}), as {@link #run} does: no restarts. */
    @SafeVarargs
    @SuppressWarnings("varargs") // extra goes only to JobSinks.withSummaries, itself @SafeVarargs
    static Outputs runJob(
            PopulationConfig config,
            Path folder,
            Function<JobSinks, PopulationTrainingJob> job,
            Sink<GenerationSummary>... extra)
            throws Exception {
        return execute(false, config, folder, job, extra);
    }

    /** {@link #runJob} with restarts, as {@link #runWithRestarts}. */
    @SafeVarargs
    @SuppressWarnings("varargs") // as runJob
    static Outputs runJobWithRestarts(
            PopulationConfig config,
            Path folder,
            Function<JobSinks, PopulationTrainingJob> job,
            Sink<GenerationSummary>... extra)
            throws Exception {
        return execute(true, config, folder, job, extra);
    }

    /** Restarts a failure-injection test allows: one for its failure, two to spare. */
    static final int RESTART_ATTEMPTS = 3;

    @SafeVarargs
    @SuppressWarnings("varargs") // as runJob
    private static Outputs execute(
            boolean restarts,
            PopulationConfig config,
            Path folder,
            Function<JobSinks, PopulationTrainingJob> job,
            Sink<GenerationSummary>... extra)
            throws Exception {
        Configuration conf = new Configuration();
        if (restarts) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(200));
        } else {
            // explicitly: with checkpointing on and no strategy set, Flink restarts with exponential delay
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism());
        JobSinks sinks = JobSinks.files(folder, config.space(), config.generations(), false)
                .withSummaries(extra);
        JobClient client = job.apply(sinks).executeAsync(env);
        client.getJobExecutionResult().get();
        return new Outputs(
                client.getJobID(),
                read(folder.resolve(JobSinks.REPORTS_FILE)),
                read(folder.resolve(JobSinks.GENERATIONS_FILE)),
                read(folder.resolve(JobSinks.LINEAGE_FILE)),
                read(folder.resolve(JobSinks.FINAL_AGENTS_FILE)));
    }

    /** The final population: every agent's θ digest (SHA-256) and h, by agent. */
    static Map<Integer, String> finalPopulation(Outputs out) {
        Map<Integer, String> m = new java.util.TreeMap<>();
        for (JsonNode f : out.finals()) {
            m.put(f.get("agent").asInt(), f.get("params_sha256").asText() + " " + f.get("hyperparameters"));
        }
        return m;
    }

    /** The hyperparameters under {@code field} of a JSON record, in the space's vector order. */
    static double[] hyperparameters(JsonNode record, String field, HyperparameterSpace space) {
        double[] h = new double[space.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = record.get(field).get(space.name(i)).asDouble();
        }
        return h;
    }

    /** Weight copies per recipient in a lineage file (not counting mutations alone and restarts). */
    static Map<Integer, Integer> copiesByRecipient(List<JsonNode> lineage) {
        Map<Integer, Integer> copies = new HashMap<>();
        for (JsonNode e : lineage) {
            if (!e.get("donor").isNull()
                    && e.get("donor").asInt() != e.get("recipient").asInt()) {
                copies.merge(e.get("recipient").asInt(), 1, Integer::sum);
            }
        }
        return copies;
    }

    /**
     * Exactly-once evidence: every agent acted on one directive per generation and on one weight copy
     * per copy into it in the lineage, and every new h of the lineage lies in its domain.
     */
    static void assertEveryDecisionActedOnOnce(Outputs out, PopulationConfig config) {
        for (JsonNode e : out.lineage()) {
            assertThat(config.space().contains(hyperparameters(e, "new_hyperparameters", config.space())))
                    .as("in bounds: %s", e)
                    .isTrue();
        }
        Map<Integer, Integer> copies = copiesByRecipient(out.lineage());
        assertThat(out.finals()).hasSize(config.population());
        for (JsonNode f : out.finals()) {
            int agent = f.get("agent").asInt();
            assertThat(f.get("directives_applied").asInt())
                    .as("directives of agent %d", agent)
                    .isEqualTo(config.generations());
            assertThat(f.get("transfers_applied").asInt())
                    .as("copies into agent %d", agent)
                    .isEqualTo(copies.getOrDefault(agent, 0));
        }
    }

    /** Throws once, in the job's first attempt, at the n-th generation summary it sees. */
    static final class FailOnce implements Sink<GenerationSummary> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger INJECTED = new AtomicInteger();
        private final int nth;

        FailOnce(int nth) {
            this.nth = nth;
        }

        @Override
        public SinkWriter<GenerationSummary> createWriter(WriterInitContext context) {
            int attempt = context.getTaskInfo().getAttemptNumber();
            return new SinkWriter<>() {
                private int seen;

                @Override
                public void write(GenerationSummary s, Context ctx) {
                    if (attempt == 0 && ++seen == nth) {
                        INJECTED.incrementAndGet();
                        throw new IllegalStateException("injected failure at summary " + nth);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /**
     * The final agents of the run in {@code folder} as text, by agent, without the resend counter
     * (a restore raises it; θ digest, h, generation and steps must not change).
     */
    static List<String> finalsWithoutResends(Path folder) throws IOException {
        return texts(
                read(folder.resolve(JobSinks.FINAL_AGENTS_FILE)),
                Comparator.comparingInt(r -> r.get("agent").asInt()),
                "resent_ignored");
    }

    /** The reports of the run in {@code folder} as text, by agent and generation, without the wall-clock latency. */
    static List<String> reportsWithoutLatency(Path folder) throws IOException {
        return texts(read(folder.resolve(JobSinks.REPORTS_FILE)), BY_AGENT_AND_GENERATION, "decision_latency_ms");
    }

    /**
     * A golden run's reports against a run of today: the golden part was written before reports logged
     * their stream position (rng_state), so that field is compared only from generation {@code from} on.
     */
    static void assertReportsMatchAfterGolden(Path resumed, Path clean, int from) throws IOException {
        assertThat(texts(
                        read(resumed.resolve(JobSinks.REPORTS_FILE)),
                        BY_AGENT_AND_GENERATION,
                        "decision_latency_ms",
                        "rng_state"))
                .isEqualTo(texts(
                        read(clean.resolve(JobSinks.REPORTS_FILE)),
                        BY_AGENT_AND_GENERATION,
                        "decision_latency_ms",
                        "rng_state"));
        List<JsonNode> since = read(resumed.resolve(JobSinks.REPORTS_FILE)).stream()
                .filter(r -> r.get("generation").asInt() >= from)
                .toList();
        List<JsonNode> cleanSince = read(clean.resolve(JobSinks.REPORTS_FILE)).stream()
                .filter(r -> r.get("generation").asInt() >= from)
                .toList();
        assertThat(since).isNotEmpty().allMatch(r -> r.hasNonNull("rng_state"));
        assertThat(texts(since, BY_AGENT_AND_GENERATION, "decision_latency_ms"))
                .isEqualTo(texts(cleanSince, BY_AGENT_AND_GENERATION, "decision_latency_ms"));
    }

    /**
     * No gaps and no duplicates: generation summaries 0 to n - 1 once each, and every agent's
     * reports, in file order, the generations 0, 1, 2, ... with each summarised generation complete.
     */
    static void assertContiguous(Path folder, int summarised, int population) throws Exception {
        List<JsonNode> gens = JobRuns.read(folder.resolve(JobSinks.GENERATIONS_FILE));
        assertThat(gens).hasSize(summarised);
        for (int g = 0; g < gens.size(); g++) {
            assertThat(gens.get(g).get("generation").asInt()).isEqualTo(g);
        }
        Map<Integer, Integer> next = new HashMap<>();
        for (JsonNode r : JobRuns.read(folder.resolve(JobSinks.REPORTS_FILE))) {
            int agent = r.get("agent").asInt();
            int expected = next.getOrDefault(agent, 0);
            assertThat(r.get("generation").asInt())
                    .as("report of agent %d", agent)
                    .isEqualTo(expected);
            next.put(agent, expected + 1);
        }
        assertThat(next).hasSize(population);
        assertThat(next.values()).allMatch(n -> n >= summarised);
    }

    /**
     * Runs {@code run}'s configuration again, uninterrupted, in this JVM (into {@code clean}), and
     * asserts that {@code run} ended with its records, every one, and its final population, bit for bit.
     */
    static void assertSameAsUninterrupted(Path run, Path clean, int population) throws IOException {
        assertThat(popflow(
                        "train",
                        "--config",
                        run.resolve("config.yaml").toString(),
                        "--output",
                        clean.toString(),
                        "--quiet"))
                .isZero();
        assertThat(finalsWithoutResends(run))
                .isEqualTo(finalsWithoutResends(clean))
                .hasSize(population);
        assertThat(reportsWithoutLatency(run)).isEqualTo(reportsWithoutLatency(clean));
        assertThat(Files.readAllLines(run.resolve(JobSinks.GENERATIONS_FILE)))
                .isEqualTo(Files.readAllLines(clean.resolve(JobSinks.GENERATIONS_FILE)));
        assertThat(texts(read(run.resolve(JobSinks.LINEAGE_FILE)), BY_GENERATION))
                .isEqualTo(texts(read(clean.resolve(JobSinks.LINEAGE_FILE)), BY_GENERATION));
    }

    /** Runs the command line in this JVM; it must print nothing on standard error. Returns the exit code. */
    static int popflow(String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.popflow.cli.Popflow.run(new java.io.PrintWriter(err, true), args);
        assertThat(err.toString()).isEmpty();
        return code;
    }

    /** A copy in {@code target} of the golden run folder {@code name} (test resources, {@code golden/}). */
    static Path copyOfGolden(String name, Path target) throws IOException, java.net.URISyntaxException {
        Path source = java.nio.file.Paths.get(
                JobRuns.class.getResource("/golden/" + name).toURI());
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** A Flink counter of {@code job} summed over the subtasks that have it. */
    static long counterSum(
            org.apache.flink.runtime.testutils.InMemoryReporter metrics,
            org.apache.flink.core.execution.JobClient job,
            String name) {
        return metrics.findMetrics(job.getJobID(), name).entrySet().stream()
                .filter(e ->
                        e.getKey().endsWith("." + name) && e.getValue() instanceof org.apache.flink.metrics.Counter)
                .mapToLong(e -> ((org.apache.flink.metrics.Counter) e.getValue()).getCount())
                .sum();
    }
}
