package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.run.IoErrors;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The presets: every {@code .yaml} file of the resource folder {@value #FOLDER}, listed where the
 * classes are (a folder in a build, the job's jar otherwise). Adding a preset is adding its file.
 */
final class Presets {
    static final String FOLDER = "/io/popflow/jobs/presets/";
    private static final String SUFFIX = ".yaml";
    private static final List<String> NAMES = list();

    private Presets() {}

    /** The presets' names, sorted. */
    static List<String> names() {
        return NAMES;
    }

    /** The preset called {@code name}. */
    static ObjectNode read(String name) {
        if (!NAMES.contains(name)) {
            throw new InvalidOptionException(
                    "preset",
                    "unknown preset '" + name + "'" + NameSuggestions.didYouMean(NameSuggestions.closest(name, NAMES))
                            + " (known: " + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = Presets.class.getResourceAsStream(FOLDER + name + SUFFIX)) {
            String what = "preset " + name;
            return ConfigLoader.asObject(
                    YamlTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), what, "preset"), what);
        } catch (IOException e) {
            throw new InvalidOptionException("preset", "cannot read preset '" + name + "': " + IoErrors.reason(e));
        }
    }

    private static List<String> list() {
        URL folder = Presets.class.getResource(FOLDER);
        if (folder == null) {
            throw new IllegalStateException("no resource folder " + FOLDER + " beside " + Presets.class);
        }
        try {
            URI uri = folder.toURI();
            if (!uri.getScheme().equals("jar")) {
                return names(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.getPath(FOLDER));
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                return names(jarFileSystem(uri).getPath(FOLDER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the presets in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the presets in " + folder, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            throw new IllegalStateException("the jar of " + uri + " is neither open nor openable", e);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                    .sorted()
                    .toList();
        }
    }
}
