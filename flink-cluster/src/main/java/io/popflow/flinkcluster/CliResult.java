package io.popflow.flinkcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A finished command: its exit code and its standard output and error, interleaved. */
public record CliResult(int exitCode, String output) {
    /** Runs {@code command} to its end; a command still running after {@code timeout} is killed and reported. */
    static CliResult run(List<String> command, Duration timeout) throws IOException {
        Path out = Files.createTempFile("popflow-cli", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!LocalFlinkCluster.waitFor(p, timeout.toSeconds())) {
                p.destroyForcibly();
                LocalFlinkCluster.waitFor(p, 10);
                throw new IOException("still running after " + timeout.toSeconds() + " s, killed: " + command + "\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
