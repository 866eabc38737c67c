package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.option.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The option declarations against the documentation: the option table of docs/configuration.md is the
 * catalog's, and every key the YAML blocks of README.md and docs/ use is declared, so that no option
 * is documented in two places or not at all.
 */
class OptionCatalogTest {
    private static final Path CONFIGURATION_PAGE =
            DocumentationPages.projectFolder().resolve("docs/configuration.md");
    private static final Pattern TABLE =
            Pattern.compile("<!-- options:begin -->\\n(.*?)<!-- options:end -->", Pattern.DOTALL);
    /** A section written as its kind alone ({@code selection: boltzmann}) means this option. */
    private static final Map<String, String> KIND_OF_SECTION =
            Map.of("selection", "selection.rule", "mutation", "mutation.kernel", "fitness", "fitness.estimator");

    @Test
    void theConfigurationPagesOptionTableIsTheCatalog() {
        Matcher m = TABLE.matcher(DocumentationPages.read(CONFIGURATION_PAGE));
        assertThat(m.find())
                .as("the option table's markers in %s", CONFIGURATION_PAGE)
                .isTrue();
        assertThat(m.group(1))
                .as("%s's option table; regenerate it with: bin/popflow options --markdown", CONFIGURATION_PAGE)
                .isEqualTo(OptionCatalog.markdown());
    }

    @Test
    void everyKeyOfThePagesYamlBlocksIsDeclared() {
        Set<String> declared = OptionCatalog.ALL.stream().map(Option::key).collect(Collectors.toSet());
        Set<String> undeclared = new TreeSet<>();
        int keys = 0;
        for (DocumentationPages.Block block : DocumentationPages.yamlBlocks()) {
            List<String> used = new ArrayList<>();
            String page = block.page().getFileName().toString();
            flatten(YamlTree.parse(block.text(), page, page), "", used);
            keys += used.size();
            used.stream().filter(k -> !declared.contains(k)).forEach(undeclared::add);
        }
        assertThat(keys).as("keys in the YAML blocks of README.md and docs/").isGreaterThan(60);
        assertThat(undeclared)
                .as("keys README.md or docs/ use that no option declares")
                .isEmpty();
    }

    @Test
    void keysAreUniqueButForTheTasksOwnFitnessMetric() {
        Set<String> seen = new TreeSet<>();
        Set<String> twice = new TreeSet<>();
        for (Option<?> o : OptionCatalog.ALL) {
            if (!seen.add(o.key())) {
                twice.add(o.key());
            }
        }
        // digits and stream each declare data.fitness, with their own default
        assertThat(twice).containsExactly("data.fitness");
    }

    /** Dotted keys of a YAML tree, the user's names within named sections replaced by {@code <name>}. */
    private static void flatten(JsonNode node, String prefix, List<String> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (OptionCatalog.NAMED_BY_USER.contains(key)) {
                for (Iterator<Map.Entry<String, JsonNode>> named = value.fields(); named.hasNext(); ) {
                    Map.Entry<String, JsonNode> n = named.next();
                    if (n.getValue().isObject()) {
                        flatten(n.getValue(), key + ".<name>", out);
                    } else {
                        out.add(
                                key.equals("hyperparam_mutations")
                                                && n.getValue().isArray()
                                        ? key + ".<name>.values"
                                        : key + ".<name>");
                    }
                }
            } else if (value.isObject()) {
                flatten(value, key, out);
            } else {
                out.add(KIND_OF_SECTION.getOrDefault(key, key));
            }
        }
    }
}
