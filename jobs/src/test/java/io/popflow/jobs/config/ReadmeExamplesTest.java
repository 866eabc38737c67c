package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.cli.Popflow;
import io.popflow.jobs.config.DocumentationPages.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The examples of README.md and of every page in docs/ against the code, so that a page does not
 * go on showing what popflow no longer takes.
 *
 * <p>Every YAML block is a valid configuration as written: laid over the digits preset (the blocks
 * show options, not whole runs; a CartPole block over the cartpole-pbt preset, an evolution
 * strategy's block over es-digits), with an output folder; the streamed-training block also over
 * the Kafka block it belongs to, and without the digits' data split.
 *
 * <p>Every popflow command of a code block (as {@code bin/popflow ...}, or the job jar's arguments
 * after {@code flink run ... .jar}) is one the command line accepts, and a new run's
 * {@code train --preset} command a valid configuration; a command of another tool (mvn, kubectl)
 * is not run. Every relative link and image leads to a file of the repository.
 */
class ReadmeExamplesTest {
    /** A popflow command line: the launcher's, or the job jar's arguments to flink run. */
    private static final Pattern COMMAND = Pattern.compile("(?:^|\\s)(?:bin/popflow|\\S+-job\\.jar)\\s+(.*)$");
    /** A Markdown link or image whose target is a path, not a web address or an anchor alone. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static final Pattern WEB_ADDRESS = Pattern.compile("[a-z][a-z0-9+.-]*:");
    /** Lines of these commands of the pages; the first run command alone is more than four. */
    private static final int FEWEST_COMMANDS = 30;

    @TempDir
    Path dir;

    @Test
    void everyYamlBlockOfThePagesIsAValidConfiguration() throws Exception {
        List<Block> blocks = DocumentationPages.yamlBlocks();
        assertThat(blocks).as("YAML blocks in README.md and docs/").hasSizeGreaterThanOrEqualTo(4);
        String kafka = blocks.stream()
                .map(Block::text)
                .filter(b -> b.contains("bootstrap_servers"))
                .findFirst()
                .orElseThrow();
        for (Block page : blocks) {
            String block = page.text();
            // a reinforcement-learning block lies over its own preset: digits' model, data and momentum are not its
            // options
            ObjectNode tree = ConfigLoader.preset(preset(block));
            if (block.contains("task: stream")) {
                tree.remove("data"); // the digits' split: a stream holds out by position instead
                if (!block.contains("folder:")) {
                    tree = ConfigLoader.merge(tree, parse(kafka));
                }
            }
            ObjectNode merged = ConfigLoader.set(ConfigLoader.merge(tree, parse(block)), "output=" + dir);
            if (block.contains("folder:")) {
                merged = ConfigLoader.set(
                        merged, "stream.folder=" + dir); // the block's folder is relative to the user's
            }
            ObjectNode run = block.contains("task: table") ? inProjectFolder(merged) : merged;
            assertThatCode(() -> ConfigLoader.parse(run))
                    .as("YAML block of %s", page)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyPopflowCommandOfThePagesIsAccepted() {
        int commands = 0;
        for (Block block : DocumentationPages.blocks()) {
            if (block.language().equals("yaml")) {
                continue;
            }
            for (String line : commandLines(block.text())) {
                Matcher m = COMMAND.matcher(line);
                if (!m.find()) {
                    continue;
                }
                List<String> args = words(m.group(1));
                if (args.get(0).equals("bench")) {
                    continue; // the bench module's command: on the launcher's class path, not on this module's
                }
                commands++;
                String where = block.page().getFileName() + ": " + line;
                CommandLine.ParseResult parsed = parseArgs(args, where);
                CommandLine.ParseResult train = parsed.subcommand();
                if (train != null && train.commandSpec().name().equals("train") && train.hasMatchedOption("--preset")) {
                    assertThatCode(() -> ConfigLoader.parse(newRun(train)))
                            .as(where)
                            .doesNotThrowAnyException();
                }
                if (train != null && train.hasMatchedOption("--config")) {
                    Path config = DocumentationPages.projectFolder()
                            .resolve(train.<Path>matchedOptionValue("--config", null));
                    assertThat(config).as(where).isRegularFile();
                }
                if (train != null && train.hasMatchedOption("--data")) {
                    Path data =
                            DocumentationPages.projectFolder().resolve(train.<Path>matchedOptionValue("--data", null));
                    assertThat(data).as(where).isRegularFile();
                }
            }
        }
        assertThat(commands).as("popflow commands in README.md and docs/").isGreaterThanOrEqualTo(FEWEST_COMMANDS);
    }

    @Test
    void everyRelativeLinkOfThePagesLeadsToAFile() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : DocumentationPages.pages()) {
            Matcher m = LINK.matcher(DocumentationPages.read(page));
            while (m.find()) {
                String target = m.group(1);
                if (WEB_ADDRESS.matcher(target).lookingAt() || target.startsWith("#")) {
                    continue;
                }
                links++;
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!Files.exists(page.getParent().resolve(path).normalize())) {
                    broken.add(DocumentationPages.projectFolder().relativize(page) + ": " + target);
                }
            }
        }
        assertThat(links).as("relative links in README.md and docs/").isGreaterThan(20);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    private static CommandLine.ParseResult parseArgs(List<String> args, String where) {
        try {
            return new CommandLine(new Popflow()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
    }

    /** The run a {@code train --preset} command starts, as the command builds it, in a folder of this test. */
    private ObjectNode newRun(CommandLine.ParseResult train) {
        ObjectNode tree = ConfigLoader.preset(train.matchedOptionValue("--preset", ""));
        String[][] flags = {
            {"--seed", "seed"},
            {"--population", "population"},
            {"--generations", "generations"},
            {"--parallelism", "parallelism"},
            {"--checkpoint-interval", "checkpoint_interval"}
        };
        for (String[] flag : flags) {
            if (train.hasMatchedOption(flag[0])) {
                tree = ConfigLoader.set(tree, flag[1] + "=" + train.matchedOptionValue(flag[0], (Object) null));
            }
        }
        List<String> assignments = train.matchedOptionValue("--set", List.of());
        tree = ConfigLoader.set(tree, assignments.toArray(String[]::new));
        tree = ConfigLoader.set(tree, "output=" + dir);
        return tree.path("task").asText().equals("table") ? inProjectFolder(tree) : tree;
    }

    /** A table's file, which the pages name from the project's folder. */
    private static ObjectNode inProjectFolder(ObjectNode tree) {
        String file = tree.path("table").path("file").asText();
        return ConfigLoader.set(
                tree, "table.file=" + DocumentationPages.projectFolder().resolve(file));
    }

    /** A block's lines as a shell reads them: continuations joined, prompts and comments dropped. */
    private static List<String> commandLines(String block) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : block.split("\n")) {
            if (raw.endsWith("\\")) {
                line.append(raw, 0, raw.length() - 1).append(' ');
                continue;
            }
            line.append(raw);
            String text = line.toString().strip();
            line.setLength(0);
            text = text.startsWith("$ ") ? text.substring(2) : text;
            int comment = text.indexOf(" #");
            lines.add(comment < 0 ? text : text.substring(0, comment));
        }
        return lines;
    }

    /** The words of a command, as the shell splits them: quotes hold spaces and are removed. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
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
}
