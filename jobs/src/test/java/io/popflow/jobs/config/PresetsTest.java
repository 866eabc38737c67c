package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // presets name their data relative to the project folder, where bin/popflow runs
        for (String name : ConfigLoader.presetNames()) {
            var tree = ConfigLoader.set(ConfigLoader.preset(name), "output=" + dir);
            if (tree.has("table")) {
                tree = ConfigLoader.set(
                        tree,
                        "table.file="
                                + DocumentationPages.projectFolder()
                                        .resolve(tree.get("table").get("file").asText()));
            }
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
