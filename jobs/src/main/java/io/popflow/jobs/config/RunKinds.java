package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.es.StrategySettings;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.Variant;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.taskkind.TaskKind;
import java.util.List;

/**
 * The kinds a configuration chooses, one per family: its task, strategy, selection rule and
 * mutation kernel; what decides which options apply ({@link Option#appliesTo}).
 */
final class RunKinds {
    private RunKinds() {}

    /** The kinds {@code tree} chooses; refuses a missing or unknown task, or an unknown kind. */
    static List<Variant> of(JsonNode tree) {
        OptionTree plain = new OptionTree(tree, "");
        String taskName = plain.get(PopulationConfig.TASK);
        String known = String.join(", ", TaskKind.labels());
        InvalidOptionException.require(taskName != null, "task", "must be set (" + known + ")");
        TaskKind task = TaskKind.named(taskName);
        InvalidOptionException.require(task != null, "task", "unknown task '" + taskName + "' (known: " + known + ")");
        return List.of(
                task,
                plain.child("strategy").get(StrategySettings.NAME),
                plain.kindOrMapping("selection", SelectionSettings.RULE.leaf()).get(SelectionSettings.RULE),
                plain.kindOrMapping("mutation", MutationSettings.KERNEL.leaf()).get(MutationSettings.KERNEL));
    }

    /**
     * {@code merged} without the options that {@code base} set and {@code overlay} did not, and that
     * do not apply to the kinds {@code merged} chooses: a preset's {@code quantile_fraction} gives way
     * when {@code selection: boltzmann} is set over it, while one the overlay sets is refused.
     */
    static ObjectNode withoutBaseOptionsForOtherKinds(ObjectNode base, JsonNode overlay, ObjectNode merged) {
        List<Variant> kinds;
        try {
            kinds = of(merged);
        } catch (InvalidOptionException e) {
            return merged; // the loader names what is wrong
        }
        ObjectNode pruned = merged.deepCopy();
        for (Option<?> o : OptionCatalog.ALL) {
            String[] path = o.key().split("\\.");
            if (!OptionCatalog.appliesUnder(o.key(), kinds) && sets(base, path) && !sets(overlay, path)) {
                remove(pruned, path);
            }
        }
        return pruned;
    }

    /** Whether {@code tree} sets the option at {@code path}, a section's kind also when written alone. */
    private static boolean sets(JsonNode tree, String[] path) {
        JsonNode at = tree;
        for (int i = 0; i < path.length; i++) {
            if (at == null || at.isNull()) {
                return false;
            }
            if (at.isTextual()) {
                return i == path.length - 1 && OptionCatalog.isKindKey(path[i]);
            }
            at = at.get(path[i]);
        }
        return at != null && !at.isNull();
    }

    private static void remove(ObjectNode tree, String[] path) {
        ObjectNode at = tree;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = at.get(path[i]);
            if (next == null || !next.isObject()) {
                if (next != null && i == path.length - 2 && OptionCatalog.isKindKey(path[i + 1])) {
                    at.remove(path[i]); // the kind written alone: the whole section goes
                }
                return;
            }
            at = (ObjectNode) next;
        }
        at.remove(path[path.length - 1]);
        removeEmptied(tree, path);
    }

    /** Sections left empty by a removal go too: an empty {@code model} under cartpole is no option of it. */
    private static void removeEmptied(ObjectNode tree, String[] path) {
        for (int depth = path.length - 1; depth > 0; depth--) {
            ObjectNode parent = tree;
            for (int i = 0; i < depth - 1; i++) {
                parent = (ObjectNode) parent.get(path[i]);
            }
            JsonNode section = parent.get(path[depth - 1]);
            if (section != null && section.isObject() && section.isEmpty()) {
                parent.remove(path[depth - 1]);
            }
        }
    }
}
