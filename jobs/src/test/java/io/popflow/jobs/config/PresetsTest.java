package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preset list is the preset folder's files, and every preset is a valid run. */
class PresetsTest {
    @TempDir
    Path dir;

    /** {@code tree} with its table file found from where the test runs: presets name it from the project folder. */
    static ObjectNode asInTheProjectFolder(ObjectNode tree) {
        if (!tree.has("table")) {
            return tree;
        }
        Path file = DocumentationPages.projectFolder()
                .resolve(tree.get("table").get("file").asText());
        return ConfigLoader.set(tree, "table.file=" + file);
    }

    @Test
    void thePresetsAreTheFilesOfTheSourceFolder() throws IOException {
        Path folder = DocumentationPages.projectFolder().resolve("jobs/src/main/resources" + Presets.FOLDER);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(ConfigLoader.presetNames())
                    .containsExactlyElementsOf(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml"))
                            .map(n -> n.replace(".yaml", ""))
                            .sorted()
                            .toList())
                    .hasSizeGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void aMistypedPresetGetsASuggestion() {
        assertThatThrownBy(() -> ConfigLoader.preset("digitz"))
                .hasMessage("invalid option 'preset': unknown preset 'digitz'; did you mean 'digits'? (known: "
                        + String.join(", ", ConfigLoader.presetNames()) + ")");
    }

    @Test
    void everyPresetParses() {
        for (String name : ConfigLoader.presetNames()) {
            var tree = asInTheProjectFolder(ConfigLoader.set(ConfigLoader.preset(name), "output=" + dir));
            assertThat(ConfigLoader.parse(tree).population().task()).as(name).isNotNull();
        }
    }

    @Test
    void theConfigurationPageListsEveryPreset() throws IOException {
        String page = Files.readString(DocumentationPages.projectFolder().resolve("docs/configuration.md"));
        assertThat(ConfigLoader.presetNames())
                .allSatisfy(name -> assertThat(page).contains("`" + name + "`"));
    }
}
