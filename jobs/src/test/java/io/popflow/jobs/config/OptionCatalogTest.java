package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.option.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * The option declarations against the README: its option table is the catalog's, and every key its
 * YAML blocks use is declared, so that no option is documented in two places or not at all.
 */
class OptionCatalogTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile("<!-- options:begin -->\\n(.*?)<!-- options:end -->",
            Pattern.DOTALL);
    /** A section written as its kind alone ({@code selection: boltzmann}) means this option. */
    private static final Map<String, String> KIND_OF_SECTION = Map.of("selection", "selection.rule", "mutation",
            "mutation.kernel", "fitness", "fitness.estimator");

    @Test
    void theReadmesOptionTableIsTheCatalog() throws Exception {
        Matcher m = TABLE.matcher(readme());
        assertThat(m.find()).as("the option table's markers in README.md").isTrue();
        assertThat(m.group(1)).as("README.md's option table; regenerate it with: bin/popflow options --markdown")
                .isEqualTo(OptionCatalog.markdown());
    }

    @Test
    void everyKeyOfTheReadmesYamlBlocksIsDeclared() throws Exception {
        Set<String> declared = OptionCatalog.ALL.stream().map(Option::key).collect(Collectors.toSet());
        Matcher m = YAML_BLOCK.matcher(readme());
        Set<String> undeclared = new TreeSet<>();
        int keys = 0;
        while (m.find()) {
            List<String> used = new ArrayList<>();
            flatten(YamlTree.parse(m.group(1), "README", "README"), "", used);
            keys += used.size();
            used.stream().filter(k -> !declared.contains(k)).forEach(undeclared::add);
        }
        assertThat(keys).as("keys in the README's YAML blocks").isGreaterThan(60);
        assertThat(undeclared).as("keys the README uses that no option declares").isEmpty();
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
                        out.add(key.equals("hyperparam_mutations") && n.getValue().isArray()
                                ? key + ".<name>.values" : key + ".<name>");
                    }
                }
            } else if (value.isObject()) {
                flatten(value, key, out);
            } else {
                out.add(KIND_OF_SECTION.getOrDefault(key, key));
            }
        }
    }

    private static String readme() throws Exception {
        Path dir = Paths.get("").toAbsolutePath();
        while (!Files.exists(dir.resolve("README.md")) || !Files.exists(dir.resolve("jobs"))) {
            dir = dir.getParent();
        }
        return Files.readString(dir.resolve("README.md"));
    }
}
