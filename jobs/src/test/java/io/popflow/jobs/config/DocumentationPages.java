package io.popflow.jobs.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pages a user reads: README.md and every docs/*.md, and the fenced blocks in them, for the tests
 * that hold the pages to the code (a page's example is checked wherever it moves among them).
 */
final class DocumentationPages {
    /** A fenced block: its language (empty when none is given) and its text. */
    record Block(Path page, String language, String text) {
        @Override
        public String toString() {
            return projectFolder().relativize(page) + ":\n" + text;
        }
    }

    private static final Pattern FENCE = Pattern.compile("(?m)^```([a-z]*)\\n(.*?)^```", Pattern.DOTALL);

    private DocumentationPages() {}

    /** The repository's root: the tests run in a module's folder. */
    static Path projectFolder() {
        Path folder = Paths.get("").toAbsolutePath();
        while (!Files.exists(folder.resolve("README.md")) || !Files.exists(folder.resolve("jobs"))) {
            folder = folder.getParent();
        }
        return folder;
    }

    /** README.md, then the pages of docs/ by name. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(projectFolder().resolve("README.md"));
        try (Stream<Path> docs = Files.list(projectFolder().resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fenced block of every page, in page order. */
    static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = FENCE.matcher(read(page));
            while (m.find()) {
                blocks.add(new Block(page, m.group(1), m.group(2)));
            }
        }
        return blocks;
    }

    static List<Block> yamlBlocks() {
        return blocks().stream().filter(b -> b.language().equals("yaml")).toList();
    }
}
