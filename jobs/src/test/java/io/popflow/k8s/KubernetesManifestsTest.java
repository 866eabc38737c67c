package io.popflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.flinkcluster.PopflowSettings;
import io.popflow.jobs.JobAssembly;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code k8s/}, offline: each validates against its operator's CRD (schema and
 * field names), a deliberately broken copy of each is rejected, every Flink option is one Flink 2.2
 * declares, and the manifests agree with each other, with popflow's cluster settings, with the run
 * they train and with the image's layout.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "k8s");
    private static final Path CRDS = K8S.resolve("crds");
    private static Map<String, CrdSchema> crds;
    private static ObjectNode deployment;
    private static List<ObjectNode> kafka;
    private static List<ObjectNode> topics;
    private static Set<String> flinkOptions;

    @BeforeAll
    static void load() throws IOException {
        crds = new LinkedHashMap<>();
        for (CrdSchema crd : List.of(
                CrdSchema.load(CRDS.resolve("flinkdeployments.flink.apache.org-v1.yml"), "v1beta1"),
                CrdSchema.load(CRDS.resolve("strimzi-040-Crd-kafka.yaml"), "v1"),
                CrdSchema.load(CRDS.resolve("strimzi-045-Crd-kafkanodepool.yaml"), "v1"),
                CrdSchema.load(CRDS.resolve("strimzi-043-Crd-kafkatopic.yaml"), "v1"))) {
            crds.put(crd.kind(), crd);
        }
        deployment = documents("flink-deployment.yaml").get(0);
        kafka = documents("kafka.yaml");
        topics = documents("kafka-topics.yaml");
        flinkOptions = FlinkOptionNames.onTheClasspath();
    }

    @Test
    void everyManifestValidatesAgainstItsOperatorsCrd() {
        List<ObjectNode> all = new ArrayList<>(List.of(deployment));
        all.addAll(kafka);
        all.addAll(topics);
        assertThat(all)
                .extracting(r -> r.path("kind").asText())
                .containsExactly(
                        "FlinkDeployment",
                        "KafkaNodePool",
                        "Kafka",
                        "KafkaTopic",
                        "KafkaTopic",
                        "KafkaTopic",
                        "KafkaTopic");
        for (ObjectNode resource : all) {
            assertThat(problems(resource))
                    .as(
                            "%s %s",
                            resource.path("kind").asText(),
                            resource.path("metadata").path("name"))
                    .isEmpty();
        }
    }

    @Test
    void brokenCopiesAreRejected() {
        assertRejected(deployment, d -> d.put("flinkVersion", "v2_9"));
        assertRejected(deployment, d -> job(d).put("upgradeMode", "sometimes"));
        assertRejected(deployment, d -> job(d).put("parallelism", "two"));
        assertRejected(deployment, d -> d.set("taskManger", d.remove("taskManager")));
        assertRejected(
                kafka.get(0),
                d -> ((ObjectNode) d.path("spec")).putArray("roles").add("chef"));
        assertRejected(
                kafka.get(1),
                d -> ((ObjectNode)
                                d.path("spec").path("kafka").path("listeners").get(0))
                        .remove("tls"));
        assertRejected(topics.get(0), d -> ((ObjectNode) d.path("spec")).put("partitions", "many"));
        assertRejected(
                topics.get(0),
                d -> ((ObjectNode) d.path("spec"))
                        .set("partitons", ((ObjectNode) d.path("spec")).remove("partitions")));
    }

    @Test
    void everyFlinkConfigurationKeyIsAFlinkOption() throws Exception {
        assertThat(flinkOptions)
                .as("Flink's options were found")
                .hasSizeGreaterThan(500)
                .contains("taskmanager.memory.task.off-heap.size", "execution.checkpointing.dir");
        List<String> unknown = new ArrayList<>();
        deployment.path("spec").path("flinkConfiguration").fieldNames().forEachRemaining(key -> {
            if (!isFlinkOption(key)) {
                unknown.add(key);
            }
        });
        assertThat(unknown).as("not Flink 2.2 options").isEmpty();
        // the check itself catches a typo
        assertThat(isFlinkOption("taskmanager.memory.task.offheap.size")).isFalse();
        assertThat(isFlinkOption("metrics.reporter.prom.prot")).isFalse();
    }

    @Test
    void flinkConfigurationCarriesPopflowsClusterSettings() throws IOException {
        JsonNode conf = deployment.path("spec").path("flinkConfiguration");
        for (Map.Entry<String, String> setting : PopflowSettings.load().entrySet()) {
            if (setting.getKey().equals("taskmanager.memory.process.size")) {
                // the operator sets it from the TaskManager's resources
                assertThat(MemorySize.parse(deployment
                                .path("spec")
                                .path("taskManager")
                                .path("resource")
                                .path("memory")
                                .asText()))
                        .isEqualTo(MemorySize.parse(setting.getValue()));
            } else {
                assertThat(conf.path(setting.getKey()).asText())
                        .as(setting.getKey())
                        .isEqualTo(setting.getValue());
            }
        }
        JsonNode container = deployment
                .path("spec")
                .path("podTemplate")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        assertThat(container.path("env").toString())
                .contains("{\"name\":\"OMP_NUM_THREADS\",\"value\":\"1\"}")
                .contains("{\"name\":\"OPENBLAS_CORETYPE\",\"value\":\"Haswell\"}");
        JsonNode security =
                deployment.path("spec").path("podTemplate").path("spec").path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("runAsUser").asInt())
                .as("the flink user of the official image")
                .isEqualTo(9999);
    }

    @Test
    void theRunAndItsFoldersTopicsAndKafkaAgree() throws IOException {
        JsonNode spec = deployment.path("spec");
        List<String> args = new ArrayList<>();
        spec.path("job").path("args").forEach(a -> args.add(a.asText()));
        assertThat(args.subList(0, 1)).containsExactly("train");
        assertThat(args).contains("--resume-if-present");
        String output = args.get(args.indexOf("--output") + 1);
        Map<String, String> image = imageCopies();
        Path runFile = Path.of("..").resolve(sourceOf(image, args.get(args.indexOf("--config") + 1)));

        // as `train --preset P --config FILE --output DIR` reads them
        ObjectNode tree = args.contains("--preset")
                ? ConfigLoader.preset(args.get(args.indexOf("--preset") + 1))
                : CrdSchema.YAML.createObjectNode();
        RunConfig run = ConfigLoader.parse(
                ConfigLoader.set(ConfigLoader.merge(tree, ConfigLoader.file(runFile)), "output=" + output));
        assertThat(spec.path("job").path("parallelism").asInt())
                .isEqualTo(run.population().parallelism());
        assertThat(spec.path("flinkConfiguration")
                        .path("pipeline.max-parallelism")
                        .asInt())
                .isEqualTo(run.population().maxParallelism());
        assertThat(spec.path("flinkConfiguration")
                        .path("execution.checkpointing.dir")
                        .asText())
                .isEqualTo("file://" + run.checkpointDir());
        assertThat(spec.path("flinkConfiguration")
                        .path("execution.checkpointing.savepoint-dir")
                        .asText())
                .isEqualTo("file://" + output + "/savepoints");
        String mount = spec.path("podTemplate")
                .path("spec")
                .path("containers")
                .get(0)
                .path("volumeMounts")
                .get(0)
                .path("mountPath")
                .asText();
        assertThat(output).startsWith(mount + "/");
        assertThat(spec.path("podTemplate")
                        .path("spec")
                        .path("volumes")
                        .get(0)
                        .path("persistentVolumeClaim")
                        .path("claimName")
                        .asText())
                .isEqualTo(CrdSchema.YAML
                        .readTree(K8S.resolve("storage.yaml").toFile())
                        .path("metadata")
                        .path("name")
                        .asText());

        // the topics popflow would create for this run, declared for Strimzi's topic operator
        Map<String, Integer> declared = new LinkedHashMap<>();
        for (JsonNode t : topics) {
            declared.put(
                    t.path("spec")
                            .path("topicName")
                            .asText(t.path("metadata").path("name").asText()),
                    t.path("spec").path("partitions").asInt());
        }
        assertThat(declared).isEqualTo(JobAssembly.topics(run)).isNotEmpty();
        String cluster = kafka.get(1).path("metadata").path("name").asText();
        for (JsonNode labelled : List.of(kafka.get(0), topics.get(0), topics.get(1), topics.get(2))) {
            assertThat(labelled.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .isEqualTo(cluster);
        }
        JsonNode listener =
                kafka.get(1).path("spec").path("kafka").path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isFalse();
        assertThat(run.kafka().connection().bootstrapServers())
                .isEqualTo(cluster + "-kafka-bootstrap:" + listener.path("port").asInt());
    }

    @Test
    void theImageHoldsWhatTheManifestsAndTheBuildName() throws IOException {
        String dockerfile = Files.readString(K8S.resolve("Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM flink:(\\d+)\\.(\\d+)\\.\\d+-java17$")
                .matcher(dockerfile);
        assertThat(from.find()).as("FROM flink:<2.2.x>-java17").isTrue();
        assertThat(deployment.path("spec").path("flinkVersion").asText())
                .isEqualTo("v" + from.group(1) + "_" + from.group(2));
        assertThat(dockerfile).containsPattern("(?m)^USER flink$");

        Map<String, String> copies = imageCopies();
        String jar = deployment.path("spec").path("job").path("jarURI").asText();
        assertThat(jar).startsWith("local:///opt/flink/usrlib/");
        String version = CrdSchema.YAML
                .readTree(Files.readString(Path.of("pom.xml"))
                        .replaceAll("(?s).*?<parent>.*?<version>([^<]+)</version>.*", "version: $1"))
                .path("version")
                .asText();
        assertThat(sourceOf(copies, jar.substring("local://".length())))
                .as("the job jar mvn package builds (shade classifier `job`)")
                .isEqualTo("jobs/target/popflow-jobs-" + version + "-job.jar");
        assertThat(copies).containsEntry("/opt/flink/lib/", "flink-lib/target/lib/");
        assertThat(Files.readString(Path.of("..", "flink-lib", "pom.xml")))
                .as("flink-lib copies its jars where the image takes them from")
                .contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>");
    }

    private static boolean isFlinkOption(String key) {
        if (flinkOptions.contains(key)) {
            return true;
        }
        Matcher reporter =
                Pattern.compile("metrics\\.reporter\\.([^.]+)\\.(.+)").matcher(key);
        if (!reporter.matches()) {
            return false;
        }
        // a reporter's options: Flink's own (factory.class, interval, ...) or those its factory reads
        String option = reporter.group(2);
        return flinkOptions.contains(option)
                || reporterArguments(reporter.group(1)).contains(option);
    }

    /** The option names the reporter {@code name}'s factory (as configured) declares as ARG_ constants. */
    private static Set<String> reporterArguments(String name) {
        String factory = deployment
                .path("spec")
                .path("flinkConfiguration")
                .path("metrics.reporter." + name + ".factory.class")
                .asText();
        Set<String> args = new java.util.TreeSet<>();
        try {
            for (Field f : Class.forName(factory).getDeclaredFields()) {
                if (f.getName().startsWith("ARG_") && f.getType() == String.class) {
                    f.setAccessible(true);
                    args.add((String) f.get(null));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("reporter factory " + factory + " is not a class on Flink's classpath", e);
        }
        return args;
    }

    /** The Dockerfile's COPY instructions: target to source. */
    private static Map<String, String> imageCopies() throws IOException {
        Map<String, String> copies = new LinkedHashMap<>();
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) (\\S+)$")
                .matcher(Files.readString(K8S.resolve("Dockerfile")));
        while (copy.find()) {
            copies.put(copy.group(2), copy.group(1));
        }
        return copies;
    }

    private static String sourceOf(Map<String, String> copies, String pathInImage) {
        assertThat(copies).as("the image has %s", pathInImage).containsKey(pathInImage);
        return copies.get(pathInImage);
    }

    private static ObjectNode job(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("job");
    }

    private static List<String> problems(JsonNode resource) {
        CrdSchema crd = crds.get(resource.path("kind").asText());
        assertThat(crd).as("a CRD for kind %s", resource.path("kind").asText()).isNotNull();
        return crd.problems(resource);
    }

    private static void assertRejected(ObjectNode valid, Consumer<ObjectNode> breakIt) {
        ObjectNode broken = valid.deepCopy();
        breakIt.accept(broken);
        assertThat(problems(broken))
                .as("broken %s: %s", valid.path("kind").asText(), broken)
                .isNotEmpty();
    }

    private static List<ObjectNode> documents(String file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = CrdSchema.YAML.createParser(K8S.resolve(file).toFile())) {
            for (var it = CrdSchema.YAML.readValues(parser, ObjectNode.class); it.hasNext(); ) {
                docs.add(it.next());
            }
        }
        return docs;
    }
}
