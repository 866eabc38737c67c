package io.popflow.flinkcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One JVM of a {@link LocalFlinkCluster}: a JobManager or a TaskManager, its output in {@code <name>.out}. */
final class ClusterProcess {
    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;

    private ClusterProcess(String name, Process process, Path out, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
    }

    static ClusterProcess start(String name, List<String> command, Path logDir, Map<String, String> env)
            throws IOException {
        Path out = logDir.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.environment().putAll(env);
        return new ClusterProcess(name, builder.start(), out, logDir.resolve(name + ".log"));
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail(out) + tail(log));
        }
    }

    /** SIGKILL: no shutdown hooks, no goodbye to the JobManager. */
    void kill() {
        process.destroyForcibly();
        LocalFlinkCluster.waitFor(process, 30);
    }

    /** SIGTERM (Flink's own shutdown), then SIGKILL after 20 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!LocalFlinkCluster.waitFor(process, 20)) {
            kill();
        }
    }

    void waitFor() throws InterruptedException {
        process.waitFor();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }
}
