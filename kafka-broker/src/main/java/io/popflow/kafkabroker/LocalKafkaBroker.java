package io.popflow.kafkabroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run as a
 * child JVM from the Maven-resolved broker classpath, bound to 127.0.0.1 on free ports. Used by the
 * Kafka tests, CI and the benchmark; anything else talks to it only through its bootstrap address.
 *
 * <p>{@link #shared()} starts one broker per JVM on first use and stops it when the JVM exits, so a
 * test suite pays the start-up (about 3 s, measured) once.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "broker-classpath.txt";
    private static final String STARTED = "Kafka Server started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static LocalKafkaBroker shared;

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalKafkaBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The JVM-wide broker, started on first call and stopped at JVM exit. */
    public static synchronized LocalKafkaBroker shared() {
        if (shared == null) {
            try {
                LocalKafkaBroker broker = start(Files.createTempDirectory("popflow-kafka"));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-kafka-broker"));
                shared = broker;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the local Kafka broker", e);
            }
        }
        return shared;
    }

    /** Formats a fresh log directory under {@code dir} and starts a broker on it. */
    public static LocalKafkaBroker start(Path dir) throws IOException {
        String classpath = brokerClasspath();
        int port = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(dir.resolve("data"), port, controllerPort));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J);
        Path log = dir.resolve("broker.log");
        run(
                List.of(
                        java(),
                        "-cp",
                        classpath,
                        "-Dlog4j2.configurationFile=" + log4j,
                        "-Dpopflow.broker.log=" + log,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        clusterId(),
                        "-c",
                        config.toString(),
                        "--standalone"),
                dir.resolve("format.log"));
        Process process = new ProcessBuilder(
                        java(),
                        "-Xms128m",
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        "-Dlog4j2.configurationFile=" + log4j,
                        "-Dpopflow.broker.log=" + log,
                        "kafka.Kafka",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.out").toFile())
                .start();
        LocalKafkaBroker broker = new LocalKafkaBroker(dir, port, process);
        broker.awaitStarted(log);
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker (SIGTERM, then kill after 20 s) and deletes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(dir);
    }

    private void awaitStarted(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + ":\n"
                        + tail(dir.resolve("broker.out")) + tail(log));
            }
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(STARTED)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the Kafka broker started", e);
            }
        }
        close();
        throw new IOException("Kafka broker did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "group.initial.rebalance.delay.ms=0",
                // a single node: every internal topic has one replica
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "");
    }

    private static final String LOG4J = String.join(
            "\n",
            "appender.file.type=File",
            "appender.file.name=file",
            "appender.file.fileName=${sys:popflow.broker.log}",
            "appender.file.layout.type=PatternLayout",
            "appender.file.layout.pattern=%d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.file.ref=file",
            "");

    private static String brokerClasspath() throws IOException {
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException(
                        CLASSPATH_RESOURCE + " is missing: build the kafka-broker module with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (Kafka's Uuid text form). */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-")); // Kafka's own generator avoids ids that look like command-line flags
        return id;
    }

    private static void run(List<String> command, Path output) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(
                        String.join(" ", command.subList(3, command.size())) + " failed:\n" + tail(output));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all =
                    new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a test run for
        }
    }

    /** Runs a broker in the foreground: {@code LocalKafkaBroker DIR}; prints its bootstrap address. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LocalKafkaBroker DIR   (a new folder for the broker's files)");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        LocalKafkaBroker broker = start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("kafka broker at " + broker.bootstrapServers() + " (log " + dir.resolve("broker.log") + ")");
        broker.process.waitFor();
    }
}
