package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An example of {@code examples/} as its README runs it: the jar the reactor built from the user's
 * project (off the tests' class path: only {@code --jar} brings it), the example's own configuration,
 * on the embedded cluster, with the test's changes as {@code --set}.
 */
public record ExampleRuns(Path example, String jarName, String configName) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ExampleRuns of(String name) {
        return new ExampleRuns(Path.of("../examples", name), name + ".jar", name + ".yaml");
    }

    public Path jar() {
        Path jar = example.resolve("target").resolve(jarName);
        assertThat(jar).as("built by the reactor before this module").isRegularFile();
        return jar;
    }

    /** {@code train --jar JAR --config CONFIG --output OUTPUT --quiet --set ...}, paths absolute. */
    public String[] args(Path output, String... sets) {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--jar",
                jar().toAbsolutePath().toString(),
                "--config",
                example.resolve(configName).toAbsolutePath().toString(),
                "--output",
                output.toString(),
                "--quiet"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return args.toArray(String[]::new);
    }

    /** Trains the example in this JVM; it must exit 0. */
    void train(Path output, String... sets) {
        Outcome o = Outcome.of(args(output, sets));
        assertThat(o.code()).as(o.err()).isZero();
    }

    static JsonNode summary(Path output) throws IOException {
        return JSON.readTree(output.resolve("summary.json").toFile());
    }
}
