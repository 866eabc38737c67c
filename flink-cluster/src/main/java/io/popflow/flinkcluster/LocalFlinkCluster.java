package io.popflow.flinkcluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real standalone Flink session cluster on this machine: one JobManager and any number of
 * TaskManagers, each a child JVM started the way Flink's {@code bin/} scripts start them (memory
 * flags from {@code BashJavaUtils}, Flink's {@code --add-opens} flags, {@code <conf>/config.yaml}),
 * from the Maven-resolved Flink classpath plus a {@code lib/} folder of extra jars (popflow's ND4J
 * bundle), bound to 127.0.0.1 on free ports.
 *
 * <p>{@link #flinkCommand()} is a {@code flink} script for that cluster (Flink's CliFrontend), so
 * jobs are submitted exactly as on any cluster. TaskManagers can be killed with SIGKILL and replaced
 * to test failover. {@link #close()} (also a shutdown hook of the starting JVM) stops every process.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "cluster-classpath.txt";
    private static final String POPFLOW_SETTINGS = "popflow-cluster.yaml";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Path confDir;
    private final String classpath;
    private final Map<String, String> config;
    private final FlinkRest rest;
    private final List<ClusterProcess> taskManagers = new ArrayList<>();
    private final Thread shutdownHook;
    private ClusterProcess jobManager;
    private int nextTaskManager;

    private LocalFlinkCluster(Path dir, String classpath, Map<String, String> config) {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.classpath = classpath;
        this.config = config;
        this.rest = new FlinkRest("http://127.0.0.1:" + config.get("rest.port"));
        this.shutdownHook = new Thread(this::stopProcesses, "stop-flink-cluster");
    }

    /** A cluster in the new or empty folder {@code dir}; nothing runs before {@link Builder#start()}. */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** How to start a cluster. */
    public static final class Builder {
        private final Path dir;
        private int taskManagers = 2;
        private Path lib;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** TaskManagers started with the cluster (default 2; popflow's settings give each one slot). */
        public Builder taskManagers(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("taskManagers must be >= 0, got " + count);
            }
            this.taskManagers = count;
            return this;
        }

        /** A folder of jars on every process's classpath, as Flink's {@code lib/} (null: none). */
        public Builder lib(Path folder) {
            this.lib = folder;
            return this;
        }

        /** One Flink option, over popflow's settings and the launcher's defaults. */
        public Builder set(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public LocalFlinkCluster start() throws IOException {
            Files.createDirectories(dir);
            String cp = flinkClasspath();
            if (lib != null) {
                cp = cp + ":" + jarsOf(lib);
            }
            Map<String, String> config = new LinkedHashMap<>(defaults(dir));
            config.putAll(PopflowSettings.read(resource(POPFLOW_SETTINGS)));
            config.putAll(overrides);
            LocalFlinkCluster cluster = new LocalFlinkCluster(dir, cp, config);
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            try {
                cluster.writeConfiguration();
                cluster.startJobManager();
                for (int i = 0; i < taskManagers; i++) {
                    cluster.startTaskManager();
                }
            } catch (IOException | RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    /** The launcher's own settings: loopback only, free ports, failures noticed within seconds. */
    static Map<String, String> defaults(Path dir) throws IOException {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(freePort()));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.memory.process.size", "768m");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(freePort()));
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("io.tmp.dirs", dir.resolve("tmp").toAbsolutePath().toString());
        c.put("web.tmpdir", dir.resolve("web").toAbsolutePath().toString());
        // a TaskManager killed with SIGKILL is given up on within seconds (Flink's defaults, a heartbeat
        // every 10 s and a 50 s timeout, would keep the job master deploying to it for up to 50 s)
        c.put("heartbeat.interval", "1000");
        c.put("heartbeat.timeout", "10000");
        // the REST API's metric values at most 1 s old, its checkpoint statistics 100 ms (Flink's
        // defaults, 10 s and 3 s, hid restores and checkpoints from tests that wait for them)
        c.put("metrics.fetcher.update-interval", "1000");
        c.put("rest.cache.checkpoint-statistics.timeout", "100ms");
        // JavaCPP extracts ND4J's natives under this cluster's folder, so what a job adds is measurable
        c.put(
                "env.java.opts.all",
                String.join(" ", JvmFlags.FLINK_JAVA_17) + " -Dorg.bytedeco.javacpp.cachedir=" + javacppCacheOf(dir));
        return c;
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(confDir);
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(Path.of(config.get("io.tmp.dirs")));
        StringBuilder yaml = new StringBuilder("# written by LocalFlinkCluster\n");
        for (Map.Entry<String, String> e : new TreeMap<>(config).entrySet()) {
            yaml.append(e.getKey())
                    .append(": ")
                    .append(PopflowSettings.quote(e.getValue()))
                    .append('\n');
        }
        Files.writeString(confDir.resolve("config.yaml"), yaml);
        Files.writeString(confDir.resolve("log4j.properties"), LOG4J);
        Files.writeString(confDir.resolve("log4j-cli.properties"), LOG4J);
        Path flink = dir.resolve("bin").resolve("flink");
        Files.createDirectories(flink.getParent());
        Files.writeString(
                flink,
                "#!/usr/bin/env bash\n"
                        + "# Flink's command line for the cluster in " + dir.toAbsolutePath() + "\n"
                        + "export FLINK_CONF_DIR=" + confDir.toAbsolutePath() + "\n"
                        + "exec " + String.join(" ", cliCommand("cli-$$")) + " \"$@\"\n");
        Files.setPosixFilePermissions(flink, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void startJobManager() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(resourceParams("GET_JM_RESOURCE_PARAMS", 0));
        command.addAll(jvmOptions("jobmanager", "jobmanager"));
        command.addAll(List.of(
                "-cp",
                classpath,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir",
                confDir.toString()));
        command.addAll(resourceParams("GET_JM_RESOURCE_PARAMS", 1));
        jobManager = ClusterProcess.start("jobmanager", command, dir.resolve("log"), Map.of());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!rest.isUp()) {
            jobManager.checkAlive();
            pause(deadline, "the JobManager's REST endpoint " + rest.address());
        }
    }

    /**
     * Starts one more TaskManager and waits until it has registered.
     *
     * @return its resource id, as the REST API names it
     */
    public synchronized String startTaskManager() throws IOException {
        String id = "tm-" + nextTaskManager++;
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(resourceParams("GET_TM_RESOURCE_PARAMS", 0));
        command.addAll(jvmOptions("taskmanager", id));
        command.addAll(List.of(
                "-cp",
                classpath,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "--configDir",
                confDir.toString()));
        command.addAll(resourceParams("GET_TM_RESOURCE_PARAMS", 1));
        command.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        ClusterProcess tm = ClusterProcess.start(
                id, command, dir.resolve("log"), Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "Haswell"));
        taskManagers.add(tm);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!registeredTaskManagers().contains(id)) {
            tm.checkAlive();
            pause(deadline, "TaskManager " + id + " to register");
        }
        return id;
    }

    /** Kills a running TaskManager with SIGKILL, as a crashed machine would end it. */
    public synchronized void killTaskManager(String id) {
        ClusterProcess tm = taskManagers.stream()
                .filter(p -> p.name().equals(id) && p.isAlive())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running TaskManager " + id));
        tm.kill();
    }

    /** The ids of the TaskManagers whose processes are alive. */
    public synchronized List<String> runningTaskManagers() {
        return taskManagers.stream()
                .filter(ClusterProcess::isAlive)
                .map(ClusterProcess::name)
                .toList();
    }

    /** The process id of a TaskManager (to read its resources from /proc). */
    public synchronized long pid(String id) {
        return taskManagers.stream()
                .filter(p -> p.name().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no TaskManager " + id))
                .pid();
    }

    /** What TaskManager {@code id} holds now (after a full GC in it); see {@link ProcessFootprint}. */
    public ProcessFootprint footprint(String id) throws IOException {
        return ProcessFootprint.of(pid(id), javacppCache());
    }

    /** Where this cluster's processes extract JavaCPP's natives. */
    public Path javacppCache() {
        return javacppCacheOf(dir);
    }

    private static Path javacppCacheOf(Path dir) {
        return dir.resolve("javacpp-cache").toAbsolutePath();
    }

    /** The TaskManagers the JobManager currently lists (a killed one stays until its heartbeat times out). */
    public List<String> registeredTaskManagers() throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode tm : rest.get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    /** The cluster's REST API. */
    public FlinkRest rest() {
        return rest;
    }

    /** Where the cluster's configuration is: {@code FLINK_CONF_DIR} for any Flink client. */
    public Path confDir() {
        return confDir;
    }

    /** A {@code flink} command line (Flink's CliFrontend) bound to this cluster. */
    public Path flinkCommand() {
        return dir.resolve("bin").resolve("flink");
    }

    /** Where each process's log and standard output go ({@code <name>.log}, {@code <name>.out}). */
    public Path logDir() {
        return dir.resolve("log");
    }

    /** Runs {@code flink ARGS...} to its end and returns its exit code and output. */
    public CliResult flink(Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(flinkCommand().toString()));
        command.addAll(Arrays.asList(args));
        return CliResult.run(command, timeout);
    }

    /**
     * Starts {@code flink ARGS...} without waiting for it (a job submitted attached runs as long as
     * its client does); standard output and error go to {@code output}.
     */
    public Process startFlink(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(flinkCommand().toString()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Stops every process of the cluster (SIGTERM, then SIGKILL after 20 s); the folder stays. */
    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is what called us
        }
    }

    private synchronized void stopProcesses() {
        for (ClusterProcess tm : taskManagers) {
            tm.stop();
        }
        if (jobManager != null) {
            jobManager.stop();
        }
    }

    /** The command that starts a Flink client JVM (the body of {@code bin/flink}). */
    private List<String> cliCommand(String logName) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions("client", logName));
        command.addAll(List.of("-cp", classpath, "org.apache.flink.client.cli.CliFrontend"));
        return command;
    }

    private List<String> jvmOptions(String role, String logName) {
        List<String> options = new ArrayList<>();
        options.addAll(split(config.getOrDefault("env.java.opts.all", "")));
        options.addAll(split(config.getOrDefault("env.java.opts." + role, "")));
        options.add("-Dlog.file=" + dir.resolve("log").resolve(logName + ".log").toAbsolutePath());
        String log4j = role.equals("client") ? "log4j-cli.properties" : "log4j.properties";
        options.add("-Dlog4j.configurationFile=file:" + confDir.resolve(log4j).toAbsolutePath());
        return options;
    }

    /** One of the two result lines of Flink's {@code BashJavaUtils} (0: JVM flags, 1: dynamic properties). */
    private List<String> resourceParams(String command, int line) throws IOException {
        Path out = dir.resolve("log").resolve("bash-java-utils.out");
        CliResult result = CliResult.run(
                List.of(
                        java(),
                        "-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"),
                        "-Dlog.file=" + out.resolveSibling("bash-java-utils.log"),
                        "-cp",
                        classpath,
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        confDir.toString()),
                Duration.ofSeconds(60));
        List<String> lines = result.output()
                .lines()
                .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                .toList();
        if (result.exitCode() != 0 || lines.size() < 2) {
            throw new IOException(
                    "BashJavaUtils " + command + " failed (" + result.exitCode() + "):\n" + result.output());
        }
        return split(lines.get(line));
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static void pause(long deadline, String what) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException("timed out after " + START_TIMEOUT.toSeconds() + " s waiting for " + what);
        }
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what, e);
        }
    }

    private static final String LOG4J = String.join(
            "\n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.file.ref=file",
            "appender.file.type=File",
            "appender.file.name=file",
            "appender.file.fileName=${sys:log.file}",
            "appender.file.layout.type=PatternLayout",
            "appender.file.layout.pattern=%d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
            "logger.pekko.name=org.apache.pekko",
            "logger.pekko.level=WARN",
            "");

    private static String flinkClasspath() throws IOException {
        return new String(resource(CLASSPATH_RESOURCE).readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = LocalFlinkCluster.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing: build the flink-cluster module with Maven first");
        }
        return in;
    }

    private static String jarsOf(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            throw new IOException("lib folder " + lib + " does not exist: build the flink-lib module with Maven first");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(p -> p.toAbsolutePath().toString())
                    .collect(Collectors.joining(":"));
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Runs a cluster in the foreground until Ctrl-C: {@code LocalFlinkCluster DIR [TASK_MANAGERS [LIB]]}.
     * Prints the web UI's address and the {@code flink} command to submit with.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: flink-cluster DIR [TASK_MANAGERS (default 2)] [LIB (a folder of jars for every "
                    + "process, default popflow's flink-lib/target/lib)]");
            System.exit(2);
        }
        Builder builder = in(Path.of(args[0]));
        if (args.length > 1) {
            int count;
            try {
                count = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                System.err.println("flink-cluster: TASK_MANAGERS must be a whole number >= 0, got '" + args[1] + "'");
                System.exit(2);
            }
            builder.taskManagers(count);
        }
        if (args.length > 2) {
            Path lib = Path.of(args[2]);
            if (!Files.isDirectory(lib)) {
                System.err.println("flink-cluster: LIB " + lib + " is not a folder (build it with mvn package)");
                System.exit(2);
            }
            builder.lib(lib);
        }
        LocalFlinkCluster cluster = builder.start();
        System.out.println("flink cluster: web UI " + cluster.rest.address() + "; submit with " + cluster.flinkCommand()
                + " run ...; logs in " + cluster.logDir() + "; Ctrl-C stops it");
        cluster.jobManager.waitFor();
    }

    /** Waits a bounded time for processes this class started. */
    static boolean waitFor(Process p, long seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
