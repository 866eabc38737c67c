package io.popflow.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics a run writes and reads before the job starts, so that a cluster with topic
 * auto-creation off works, the feedback topic has a partition per channel, and an unreachable
 * cluster, or one that would refuse the run's records for their size, is an error before anything
 * runs rather than a job that retries forever.
 */
public final class KafkaTopics {
    /** A broker's largest record batch, the default of its topics' {@link #TOPIC_LIMIT}. */
    public static final String BROKER_LIMIT = "message.max.bytes";
    /** A topic's largest record batch. */
    public static final String TOPIC_LIMIT = TopicConfig.MAX_MESSAGE_BYTES_CONFIG;

    private KafkaTopics() {}

    /**
     * Makes sure each topic exists, creating a missing one with its number of partitions (at the
     * cluster's default replication) and its {@code configs} (topic settings such as {@code
     * cleanup.policy}, none for most), and that each topic of {@code required} has at least its
     * number of partitions; an existing topic otherwise keeps the partitions and settings it has.
     *
     * @throws IllegalStateException naming the problem: unreachable cluster, or too few partitions
     */
    public static void ensure(
            KafkaConnection connection,
            Map<String, Integer> partitions,
            Map<String, Integer> required,
            Map<String, Map<String, String>> configs,
            Duration timeout) {
        withAdmin(connection, timeout, admin -> {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitions.forEach((topic, count) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(count), Optional.empty())
                            .configs(configs.getOrDefault(topic, Map.of())));
                }
            });
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = describe(admin, partitions.keySet(), timeout);
            required.forEach((topic, count) -> {
                int has = described.get(topic).partitions().size();
                if (has < count) {
                    throw new IllegalStateException("topic " + topic + " has " + has + " partitions, needs " + count);
                }
            });
        });
    }

    /**
     * Refuses records of {@code bytes} for {@code topic} that the cluster would refuse: more than a
     * broker's {@code message.max.bytes}, or, if the topic exists, its {@code max.message.bytes}.
     *
     * @param what what the records hold, for the refusal, e.g. "the run's model"
     * @throws IllegalStateException one line naming both sizes
     */
    public static void checkRecordSize(
            KafkaConnection connection, String topic, int bytes, String what, Duration timeout) {
        withAdmin(connection, timeout, admin -> {
            String needs = what + " needs records of " + bytes + " bytes on topic " + topic + ", but ";
            Map<ConfigResource, Node> brokers = new LinkedHashMap<>();
            for (Node node : admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                brokers.put(new ConfigResource(ConfigResource.Type.BROKER, node.idString()), node);
            }
            var configs = admin.describeConfigs(brokers.keySet()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (var broker : brokers.entrySet()) {
                long limit = Long.parseLong(
                        configs.get(broker.getKey()).get(BROKER_LIMIT).value());
                if (limit < bytes) {
                    Node node = broker.getValue();
                    throw new IllegalStateException(needs + "broker " + node.idString() + " at " + node.host() + ":"
                            + node.port() + " accepts at most " + limit + " (its " + BROKER_LIMIT + ")");
                }
            }
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(topic)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                long limit = Long.parseLong(admin.describeConfigs(List.of(resource))
                        .all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(resource)
                        .get(TOPIC_LIMIT)
                        .value());
                if (limit < bytes) {
                    throw new IllegalStateException(
                            needs + "the topic accepts at most " + limit + " (its " + TOPIC_LIMIT + ")");
                }
            }
        });
    }

    /** What an admin client does, within the caller's timeout. */
    private interface AdminCall {
        void run(Admin admin) throws ExecutionException, InterruptedException, TimeoutException;
    }

    /** Runs {@code call} with an admin client of {@code connection}, its failures as one line each. */
    private static void withAdmin(KafkaConnection connection, Duration timeout, AdminCall call) {
        var props = connection.clientProperties();
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        try (Admin admin = Admin.create(props)) {
            call.run(admin);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach " + connection + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + connection.bootstrapServers() + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topics", e);
        }
    }

    /**
     * The topics' descriptions once every partition has a leader, asked again while the broker does
     * not know a topic yet or a partition has none: right after its creation the metadata may not
     * have reached the broker that answers (seen once in CI: "This server does not host this
     * topic-partition"), and a producer that wrote before the leader was known got
     * NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE_NUMBER on every retry for minutes (CI).
     */
    private static Map<String, TopicDescription> describe(Admin admin, Set<String> topics, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                boolean led = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led || System.nanoTime() > deadline) {
                    return described;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }
}
