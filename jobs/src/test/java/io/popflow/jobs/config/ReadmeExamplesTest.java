package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML block of the README is a valid configuration as written: laid over the digits preset
 * (the blocks show options, not whole runs; a CartPole block over the cartpole-pbt preset, an
 * evolution strategy's block over es-digits), with
 * an output folder; the streamed-training block also over the Kafka block it belongs to, and
 * without the digits' data split.
 */
class ReadmeExamplesTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyYamlBlockOfTheReadmeIsAValidConfiguration() throws Exception {
        List<String> blocks = yamlBlocks();
        assertThat(blocks).as("YAML blocks in README.md").hasSizeGreaterThanOrEqualTo(4);
        String kafka = blocks.stream().filter(b -> b.contains("bootstrap_servers")).findFirst().orElseThrow();
        for (String block : blocks) {
            // a reinforcement-learning block lies over its own preset: digits' model, data and momentum are not its options
            ObjectNode tree = ConfigLoader.preset(preset(block));
            if (block.contains("task: stream")) {
                tree.remove("data"); // the digits' split: a stream holds out by position instead
                if (!block.contains("folder:")) {
                    tree = ConfigLoader.merge(tree, parse(kafka));
                }
            }
            ObjectNode merged = ConfigLoader.set(ConfigLoader.merge(tree, parse(block)), "output=" + dir);
            if (block.contains("folder:")) {
                merged = ConfigLoader.set(merged, "stream.folder=" + dir); // the block's folder is relative to the user's
            }
            // the preset's path is the project folder's; the tests run in a module's
            ObjectNode run = block.contains("task: table")
                    ? ConfigLoader.set(merged, "table.file=" + projectFolder().resolve("data/diabetes/diabetes.csv"))
                    : merged;
            assertThatCode(() -> ConfigLoader.parse(run)).as("README block:%n%s", block).doesNotThrowAnyException();
        }
    }

    /** The preset a block lies over: its task's, and for an evolution strategy's block an ES preset. */
    private static String preset(String block) {
        if (block.contains("task: table")) {
            return "diabetes";
        }
        boolean cartpole = block.contains("task: cartpole");
        if (block.contains("strategy:")) {
            return cartpole ? "es-cartpole" : "es-digits";
        }
        return cartpole ? "cartpole-pbt" : "digits";
    }

    private ObjectNode parse(String block) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "block", ".yaml"), block);
        return ConfigLoader.file(file);
    }

    private static Path projectFolder() {
        Path folder = Paths.get("").toAbsolutePath();
        while (!Files.exists(folder.resolve("README.md")) || !Files.exists(folder.resolve("jobs"))) {
            folder = folder.getParent();
        }
        return folder;
    }

    private static List<String> yamlBlocks() throws Exception {
        Matcher m = YAML_BLOCK.matcher(Files.readString(projectFolder().resolve("README.md")));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
