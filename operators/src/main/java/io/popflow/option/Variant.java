package io.popflow.option;

import java.util.Locale;

/**
 * One of the kinds a section of the configuration comes in: a strategy, a selection rule, a
 * mutation kernel, a task. Options say which kinds they apply to ({@link Option#appliesTo}), so
 * that an option set for a kind that never reads it is refused by name instead of ignored.
 * Implemented by the enums that list the kinds.
 */
public interface Variant {
    /** What the kind is a kind of, as the refusal names it: "strategy", "selection", "mutation", "task". */
    String family();

    /** The kind as the configuration writes it. */
    default String label() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }
}
