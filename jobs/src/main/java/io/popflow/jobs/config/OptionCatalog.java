package io.popflow.jobs.config;

import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.records.ExampleFormat;
import io.popflow.es.StrategySettings;
import io.popflow.option.Option;
import io.popflow.option.Variant;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.slow.ChampionRule;
import io.popflow.slow.DomainOptions;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.ModelOptions;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TableTaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every option of a run's configuration, gathered from the classes that declare them: what {@code
 * popflow options} prints and the README's option table is checked against.
 */
public final class OptionCatalog {
    /** Fixed values of hyperparameters that do not mutate (the user names them). */
    public static final Option<Double> FIXED = Option.number(
                    "hyperparameters.<name>",
                    null,
                    "a fixed value for a hyperparameter that does not mutate (lr, momentum, weight_decay, temperature, "
                            + "batch_size, or the task's own)")
            .defaultIs("the hyperparameter's default");
    /** Kafka client settings passed through (the user names them). */
    public static final Option<String> KAFKA_PROPERTY = Option.text(
                    "kafka.properties.<name>", null, "a Kafka client setting, e.g. security.protocol")
            .defaultIs("none");

    /** Sections whose keys the user names: hyperparameters, mutable hyperparameters, Kafka client settings. */
    public static final List<String> NAMED_BY_USER =
            List.of("hyperparameters", "hyperparam_mutations", "kafka.properties");

    public static final List<Option<?>> ALL = all();

    private OptionCatalog() {}

    private static List<Option<?>> all() {
        List<Option<?>> all = new ArrayList<>(PopulationConfig.OPTIONS);
        all.add(FIXED);
        all.addAll(DomainOptions.OPTIONS);
        all.addAll(SelectionSettings.OPTIONS);
        all.addAll(MutationSettings.OPTIONS);
        all.addAll(FitnessEstimate.OPTIONS);
        all.addAll(ModelMerge.OPTIONS);
        all.addAll(StrategySettings.OPTIONS);
        all.add(ChampionRule.EVERY);
        all.addAll(CopyPolicy.OPTIONS);
        all.addAll(ModelOptions.OPTIONS);
        all.addAll(DigitsTaskSpec.OPTIONS);
        all.addAll(TableTaskSpec.OPTIONS);
        all.addAll(QuadraticTaskSpec.OPTIONS);
        all.addAll(LandscapeTaskSpec.OPTIONS);
        all.addAll(PbtToyTaskSpec.OPTIONS);
        all.addAll(io.popflow.task.CustomObjectiveTaskSpec.OPTIONS);
        all.add(io.popflow.rl.CustomEnvironment.CLASS);
        all.add(io.popflow.task.CustomTrainableTaskSpec.CLASS);
        all.add(io.popflow.usercode.UserClasses.CUSTOM_OPTIONS);
        all.add(ClassicControl.MAX_STEPS);
        all.addAll(DqnSettings.OPTIONS);
        all.addAll(ControlTaskSpec.OPTIONS);
        all.addAll(StreamTaskSpec.OPTIONS);
        all.addAll(ExampleFormat.OPTIONS);
        all.addAll(FolderSettings.OPTIONS);
        all.addAll(RunConfig.OPTIONS);
        all.addAll(KafkaSettings.OPTIONS);
        all.add(KAFKA_PROPERTY);
        return List.copyOf(all);
    }

    /** A key part the user names ({@code hyperparam_mutations.<name>.min}). */
    private static final String NAMED = "<name>";

    /**
     * The names the catalog's options can have right under {@code section} ({@code ""} for the top
     * level, {@code "strategy"}, {@code "hyperparam_mutations.lr"}), whatever the task: what a
     * mistyped key is compared with.
     */
    static Set<String> namesIn(String section) {
        List<String> at = section.isEmpty() ? List.of() : List.of(section.split("\\."));
        Set<String> names = new TreeSet<>();
        for (Option<?> o : ALL) {
            String[] parts = o.key().split("\\.");
            if (parts.length > at.size() && !parts[at.size()].equals(NAMED) && matches(parts, at)) {
                names.add(parts[at.size()]);
            }
        }
        return names;
    }

    private static boolean matches(String[] parts, List<String> section) {
        for (int i = 0; i < section.size(); i++) {
            if (!parts[i].equals(NAMED) && !parts[i].equals(section.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The options declared at {@code key} whose value is {@code value}: the option itself, or, for a
     * section, those of its options the value sets (written as a kind alone, {@code selection:
     * boltzmann}, a section sets its kind's option).
     */
    static List<Option<?>> declaredAt(String key, com.fasterxml.jackson.databind.JsonNode value) {
        List<Option<?>> at = new ArrayList<>();
        for (Option<?> o : ALL) {
            String k = o.key();
            if (k.equals(key)) {
                at.add(o);
            } else if (k.startsWith(key + ".") && value != null) {
                String rest = k.substring(key.length() + 1);
                boolean set = value.isObject() ? value.has(rest) : isKindKey(rest);
                if (set && !rest.contains(".")) {
                    at.add(o);
                }
            }
        }
        return at;
    }

    /** Whether an option declared at {@code key} applies under {@code kinds} (data.fitness is the digits' and the stream's). */
    static boolean appliesUnder(String key, List<Variant> kinds) {
        return ALL.stream().filter(o -> o.key().equals(key)).anyMatch(o -> o.inapplicableTo(kinds) == null);
    }

    /** The option a section written as one word ({@code selection: boltzmann}) sets, by section. */
    static final Map<String, String> KIND_OF_SECTION = Map.of(
            "selection",
            SelectionSettings.RULE.leaf(),
            "mutation",
            MutationSettings.KERNEL.leaf(),
            "fitness",
            FitnessEstimate.ESTIMATOR.leaf());

    static boolean isKindKey(String key) {
        return KIND_OF_SECTION.containsValue(key);
    }

    /** The options as a Markdown table: key, default, values, meaning. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder("| option | default | values | meaning |\n|---|---|---|---|\n");
        for (Option<?> o : ALL) {
            sb.append("| `")
                    .append(o.key())
                    .append("` | ")
                    .append(cell(o.defaultText()))
                    .append(" | ")
                    .append(cell(o.rules()))
                    .append(" | ")
                    .append(cell(o.description()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** The options for a console: one block per option. */
    public static String text() {
        StringBuilder sb = new StringBuilder();
        for (Option<?> o : ALL) {
            sb.append(o.key()).append("  (default ").append(o.defaultText()).append(")\n");
            sb.append("    ").append(o.description()).append('\n');
            if (!o.rules().isEmpty()) {
                sb.append("    ").append(o.rules()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
