package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.cli.Popflow;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics to a real Kafka broker, exactly once across a task failure: a digits population writes its
 * reports, generation summaries and lineage events both to files and to transactional Kafka sinks,
 * fails once mid-run and is restored from a checkpoint. A {@code read_committed} reader must find in
 * Kafka exactly the records of the (exactly-once) files, each valid against its published schema,
 * and so must kcat, a client that shares no code with the job.
 */
class KafkaMetricsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FAIL_AT_GENERATION = 4;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    static Path dir;

    private static ObjectNode tree;
    private static RunConfig run;
    private static JobRuns.Outputs files;

    @BeforeAll
    static void runWithAFailure(@InjectMiniCluster MiniCluster cluster) throws Exception {
        tree = KafkaRuns.tree(
                ConfigLoader.preset("digits"),
                "metrics",
                "population=8",
                "generations=8",
                "perturbation_interval=300",
                "parallelism=2",
                "checkpoint_interval=100ms");
        run = ConfigLoader.parse(tree);
        JobAssembly.prepareTopics(run);
        TestStreamEnvironment.setAsContext(cluster, run.population().parallelism());
        try {
            JobRuns.FailOnce.INJECTED.set(0);
            files = JobRuns.runJobWithRestarts(
                    run.population(),
                    dir,
                    sinks -> JobAssembly.job(run, sinks),
                    new JobRuns.FailOnce(FAIL_AT_GENERATION + 1));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        assertThat(JobRuns.FailOnce.INJECTED.get())
                .as("the failure was injected")
                .isEqualTo(1);
        assertThat(cluster.getArchivedExecutionGraph(files.jobId())
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint())
                .as("restored from a checkpoint")
                .isNotNull();
    }

    @Test
    void everyReportSummaryAndLineageEventIsInKafkaExactlyOnce() throws IOException {
        List<JsonNode> reports =
                parse(KafkaRuns.readCommitted(run.kafka().topics().reports()));
        List<JsonNode> summaries =
                parse(KafkaRuns.readCommitted(run.kafka().topics().generations()));
        List<JsonNode> lineage =
                parse(KafkaRuns.readCommitted(run.kafka().topics().lineage()));

        int population = run.population().population();
        int generations = run.population().generations();
        assertThat(reports).hasSize(population * generations);
        assertThat(summaries).hasSize(generations);
        assertThat(JobRuns.texts(reports, JobRuns.BY_AGENT_AND_GENERATION, "run"))
                .isEqualTo(JobRuns.texts(files.reports(), JobRuns.BY_AGENT_AND_GENERATION));
        assertThat(JobRuns.texts(summaries, JobRuns.BY_GENERATION, "run"))
                .isEqualTo(JobRuns.texts(files.summaries(), JobRuns.BY_GENERATION));
        assertThat(lineage).isNotEmpty();
        // the single-partition lineage topic keeps the job's order, so the comparison is exact
        assertThat(JobRuns.texts(lineage, null, "run")).isEqualTo(JobRuns.texts(files.lineage(), null));
        assertThat(reports).allSatisfy(r -> assertThat(r.get("run").asText()).isEqualTo(run.runId()));
    }

    @Test
    void recordsAreKeyedByAgentOrRunAndValidAgainstTheirSchemas() throws IOException {
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaRuns.readCommitted(run.kafka().topics().reports())) {
            JsonNode report = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(run.runId() + "/" + report.get("agent").asInt());
            assertThat(RecordSchemas.AGENT_REPORT.violations(report))
                    .as("%s", report)
                    .isEmpty();
        }
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaRuns.readCommitted(run.kafka().topics().generations())) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(run.runId());
            assertThat(RecordSchemas.GENERATION_SUMMARY.violations(JSON.readTree(r.value())))
                    .isEmpty();
        }
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaRuns.readCommitted(run.kafka().topics().lineage())) {
            assertThat(RecordSchemas.LINEAGE_EVENT.violations(JSON.readTree(r.value())))
                    .isEmpty();
        }
    }

    /** The schemas are not vacuous: they refuse records with a missing, mistyped or unknown field. */
    @Test
    void schemasRefuseMalformedRecords() {
        ObjectNode report = (ObjectNode) files.reports().get(0).deepCopy();
        assertThat(RecordSchemas.AGENT_REPORT.violations(report)).isEmpty();
        assertThat(RecordSchemas.AGENT_REPORT.violations(report.deepCopy().put("agent", "three")))
                .isNotEmpty();
        assertThat(RecordSchemas.AGENT_REPORT.violations(report.deepCopy().put("surprise", 1)))
                .isNotEmpty();
        ObjectNode missing = report.deepCopy();
        missing.remove("fitness");
        assertThat(RecordSchemas.AGENT_REPORT.violations(missing)).isNotEmpty();
        ObjectNode summary = (ObjectNode) files.summaries().get(0).deepCopy();
        ((ObjectNode) summary.get("fitness")).put("median", "high");
        assertThat(RecordSchemas.GENERATION_SUMMARY.violations(summary)).isNotEmpty();
    }

    /**
     * kcat (librdkafka, no code shared with the job) reads the committed reports: every line is a
     * schema-valid JSON report, and there are as many as the job wrote. Skipped where kcat is not
     * installed, except in CI ({@code POPFLOW_REQUIRE_KCAT=1}), which installs it.
     */
    @Test
    void kcatReadsSchemaValidReports() throws Exception {
        String out = KafkaRuns.kcat(run.kafka().topics().reports(), "%s\\n");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines)
                .hasSize(run.population().population() * run.population().generations());
        assertThat(lines)
                .allSatisfy(r ->
                        assertThat(RecordSchemas.AGENT_REPORT.violations(r)).isEmpty());
        assertThat(JobRuns.texts(lines, JobRuns.BY_AGENT_AND_GENERATION, "run"))
                .isEqualTo(JobRuns.texts(files.reports(), JobRuns.BY_AGENT_AND_GENERATION));
    }

    /**
     * {@code popflow report --kafka CONFIG DIR}, with {@code --follow}, on the finished run: the
     * topics' committed records of this run become DIR's files (exactly the run's own files, up to
     * the run field), the charts are drawn, and following a run whose last generation is in Kafka
     * returns at once. A folder that holds anything but such a report is refused.
     */
    @Test
    void theReportReadsTheRunFromItsTopics() throws Exception {
        Path config = dir.resolve("run.yaml");
        ConfigLoader.writeYaml(tree, config);
        Path folder = dir.resolve("from-kafka");
        assertThat(Popflow.run("report", "--kafka", config.toString(), "--follow", "--every", "1", folder.toString()))
                .isZero();

        assertThat(JobRuns.texts(
                        JobRuns.read(folder.resolve(JobSinks.REPORTS_FILE)), JobRuns.BY_AGENT_AND_GENERATION, "run"))
                .isEqualTo(JobRuns.texts(files.reports(), JobRuns.BY_AGENT_AND_GENERATION));
        assertThat(JobRuns.texts(JobRuns.read(folder.resolve(JobSinks.GENERATIONS_FILE)), JobRuns.BY_GENERATION, "run"))
                .isEqualTo(JobRuns.texts(files.summaries(), JobRuns.BY_GENERATION));
        assertThat(JobRuns.texts(JobRuns.read(folder.resolve(JobSinks.LINEAGE_FILE)), null, "run"))
                .isEqualTo(JobRuns.texts(files.lineage(), null));
        assertThat(folder.resolve("report").resolve("fitness.png")).isNotEmptyFile();
        assertThat(folder.resolve("report").resolve("lineage.png")).isNotEmptyFile();
        assertThat(Files.readString(folder.resolve("report").resolve("report.html")))
                .doesNotContain("http-equiv");

        // again into the same folder: written afresh, not appended to
        assertThat(Popflow.run("report", "--kafka", config.toString(), folder.toString()))
                .isZero();
        assertThat(JobRuns.read(folder.resolve(JobSinks.GENERATIONS_FILE)))
                .hasSize(run.population().generations());

        StringWriter err = new StringWriter();
        assertThat(Popflow.run(new PrintWriter(err, true), "report", "--kafka", config.toString(), dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("popflow: invalid option 'RUN_DIR': " + dir + " holds files that "
                        + "are not a Kafka report's (a run's own output folder?); give a new or empty folder");
    }

    private static List<JsonNode> parse(List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            nodes.add(JSON.readTree(r.value()));
        }
        return nodes;
    }
}
