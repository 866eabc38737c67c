package io.popflow.jobs;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.file.FolderExampleInput;
import io.popflow.connectors.json.RecordJson;
import io.popflow.connectors.kafka.ExactlyOnceKafkaSinks;
import io.popflow.connectors.kafka.KafkaExampleInput;
import io.popflow.connectors.kafka.KafkaFeedbackEdge;
import io.popflow.connectors.kafka.KafkaTopics;
import io.popflow.flink.AgentCommandRouting;
import io.popflow.flink.ExampleInput;
import io.popflow.flink.feedback.FeedbackEdge;
import io.popflow.flink.feedback.InJvmFeedbackEdge;
import io.popflow.jobs.config.FolderSettings;
import io.popflow.jobs.config.KafkaSettings;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ChampionTopic;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.LineageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a run that its configuration chooses: the feedback edge, Kafka sinks for reports,
 * generation summaries and lineage, and the example input of a stream-fed task. Transactional ids
 * are {@code <run_id>-<topic kind>}: stable across restores of one run, distinct between runs.
 */
public final class JobAssembly {
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private JobAssembly() {}

    /** The feedback edge the run asks for. */
    public static FeedbackEdge<AgentCommand> feedback(RunConfig run) {
        PopulationConfig p = run.population();
        if (run.feedback() == RunConfig.Feedback.IN_JVM) {
            return new InJvmFeedbackEdge<>("feedback", p.parallelism(), new AgentCommandRouting());
        }
        KafkaSettings k = run.kafka();
        return new KafkaFeedbackEdge<>(
                "feedback",
                p.parallelism(),
                new AgentCommandRouting(),
                k.connection(),
                k.topics().feedback(),
                run.runId() + "-feedback",
                k.transactionTimeout());
    }

    /**
     * Reports keyed by agent, summaries, lineage and champions' models keyed by run, exactly once;
     * none if metrics are off.
     */
    public static JobSinks sinks(RunConfig run) {
        KafkaSettings k = run.kafka();
        if (k == null || !k.metrics()) {
            return new JobSinks(List.of(), List.of(), List.of(), List.of(), List.of());
        }
        RecordJson json = new RecordJson(run.population().space(), run.runId());
        String id = run.runId();
        byte[] runKey = id.getBytes(StandardCharsets.UTF_8);
        return new JobSinks(
                List.of(ExactlyOnceKafkaSinks.<AgentReport>of(
                        k.connection(),
                        k.topics().reports(),
                        r -> (id + "/" + r.agent()).getBytes(StandardCharsets.UTF_8),
                        r -> json.report(r).getBytes(StandardCharsets.UTF_8),
                        id + "-reports",
                        k.transactionTimeout())),
                List.of(ExactlyOnceKafkaSinks.<GenerationSummary>of(
                        k.connection(),
                        k.topics().generations(),
                        s -> runKey,
                        s -> json.summary(s).getBytes(StandardCharsets.UTF_8),
                        id + "-generations",
                        k.transactionTimeout())),
                List.of(ExactlyOnceKafkaSinks.<LineageEvent>of(
                        k.connection(),
                        k.topics().lineage(),
                        e -> runKey,
                        e -> json.lineage(e).getBytes(StandardCharsets.UTF_8),
                        id + "-lineage",
                        k.transactionTimeout())),
                List.<org.apache.flink.api.connector.sink2.Sink<FinalAgent>>of(),
                List.of(),
                List.of(),
                publishesModels(run)
                        ? List.of(ChampionTopic.sink(
                                k.connection(),
                                k.topics().models(),
                                k.transactionTimeout(),
                                run.output(),
                                run.population(),
                                id,
                                ChampionTopic.recordLimit(modelRecordBytes(run))))
                        : List.of());
    }

    /** Whether the run's champions go to Kafka: a run with champions and Kafka metrics. */
    static boolean publishesModels(RunConfig run) {
        return run.kafka() != null && run.kafka().metrics() && run.population().champion() != null;
    }

    /** The size of the run's record of models, measured on its initial model. */
    private static int modelRecordBytes(RunConfig run) {
        return ChampionTopic.initialRecordBytes(run.output(), run.population(), run.runId());
    }

    /** The example input of a stream-fed task (a watched folder or a Kafka topic), or null. */
    public static ExampleInput examples(RunConfig run) {
        FolderSettings f = run.folder();
        if (f != null) {
            return new FolderExampleInput(
                    f.folder(), f.interval(), f.format(), f.header(), f.validationFraction(), f.deadLetters());
        }
        KafkaSettings k = run.kafka();
        if (k == null || k.examples() == null) {
            return null;
        }
        return new KafkaExampleInput(
                k.connection(),
                k.topics().examples(),
                run.runId() + "-examples",
                k.examples().fromLatest(),
                k.examples().format(),
                k.examples().validationFraction(),
                k.topics().deadLetter(),
                run.runId() + "-dead-letter",
                k.transactionTimeout());
    }

    /**
     * Creates the topics the run uses that are missing (reports, examples and feedback with a
     * partition per subtask, the rest with one; models compacted, taking records of the run's
     * model), and fails with the reason if the cluster is unreachable, the feedback topic has fewer
     * partitions than channels (the other topics may have any number), or a broker or an existing
     * topic of models takes records smaller than the run's model.
     */
    public static void prepareTopics(RunConfig run) {
        KafkaSettings k = run.kafka();
        if (k == null) {
            return;
        }
        Map<String, Integer> required = new LinkedHashMap<>();
        if (run.feedback() == RunConfig.Feedback.KAFKA) {
            required.put(k.topics().feedback(), run.population().parallelism());
        }
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        if (publishesModels(run)) {
            int bytes = modelRecordBytes(run);
            KafkaTopics.checkRecordSize(k.connection(), k.topics().models(), bytes, "the run's model", TOPIC_TIMEOUT);
            configs.put(k.topics().models(), ChampionTopic.topicConfigs(ChampionTopic.recordLimit(bytes)));
        }
        KafkaTopics.ensure(k.connection(), topics(run), required, configs, TOPIC_TIMEOUT);
    }

    /** The topics a run uses, with the partitions popflow creates each with (README's topic table). */
    public static Map<String, Integer> topics(RunConfig run) {
        KafkaSettings k = run.kafka();
        Map<String, Integer> topics = new LinkedHashMap<>();
        if (k == null) {
            return topics;
        }
        int p = run.population().parallelism();
        if (k.metrics()) {
            topics.put(k.topics().reports(), p);
            topics.put(k.topics().generations(), 1);
            topics.put(k.topics().lineage(), 1);
        }
        if (publishesModels(run)) {
            topics.put(k.topics().models(), 1);
        }
        if (run.feedback() == RunConfig.Feedback.KAFKA) {
            topics.put(k.topics().feedback(), p);
        }
        if (k.examples() != null) {
            topics.put(k.topics().examples(), p);
            topics.put(k.topics().deadLetter(), 1);
        }
        return topics;
    }

    /** The whole job the configuration describes, with {@code fileSinks} beside any Kafka sinks. */
    public static PopulationTrainingJob job(RunConfig run, JobSinks fileSinks) {
        return new PopulationTrainingJob(run.population(), fileSinks.with(sinks(run)), feedback(run), examples(run));
    }
}
