package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code popflow} as a user runs it: its own JVM (the test's classpath, the launcher's logging and
 * JVM flags), standard output and error to files, and signals sent with {@code kill}.
 */
final class PopflowProcess {
    /** Whether coreutils' env can reset a signal to its default before it runs a program (coreutils 8.31 on). */
    private static final boolean RESETS_SIGINT = resetsSigint();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private PopflowProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code popflow args...}, its output in {@code logs}/{@code name}.out and .err. */
    static PopflowProcess start(Path logs, String name, String... args) throws IOException {
        return startIn(null, logs, name, args);
    }

    /** As {@link #start}, in the working directory {@code workingDir} (null: the test's). */
    static PopflowProcess startIn(Path workingDir, Path logs, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (RESETS_SIGINT) {
            // As from a terminal: a test run in a script's background inherits SIGINT ignored, and the
            // JVM (like every program) leaves an inherited SIG_IGN of SIGINT in place, so Ctrl-C would not reach it.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dlog4j2.configurationFile=popflow-log4j2.properties",
                "-Dpopflow.launcher=popflow",
                "-cp",
                System.getProperty("java.class.path"),
                "io.popflow.cli.Popflow"));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OPENBLAS_CORETYPE", "Haswell");
        return new PopflowProcess(builder.start(), out, err);
    }

    private static boolean resetsSigint() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true")
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends {@code signal} (INT, TERM) as a terminal's Ctrl-C or a service manager would. */
    void signal(String signal) throws Exception {
        int code = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed with " + code);
        }
    }

    /** The exit code, waiting at most {@code timeout}; null (and the process killed) if it did not end. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor();
        return null;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Ends the process if a failed test left it running. */
    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * The address a {@code popflow serve} in this process listens on, once it says so ("listening on
     * http://127.0.0.1:PORT"); fails with its output if it ends first or says nothing within a minute.
     */
    URI servedAt() throws IOException {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> listening.matcher(stdout()).find() || !isAlive());
        Matcher m = listening.matcher(stdout());
        assertThat(m.find()).as("stdout: %s%nstderr: %s", stdout(), stderr()).isTrue();
        return URI.create("http://127.0.0.1:" + m.group(1));
    }
}
