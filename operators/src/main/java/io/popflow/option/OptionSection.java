package io.popflow.option;

/**
 * One section of a run's configuration ({@code selection}, {@code strategy}, the whole run), read
 * through option declarations. Each settings type reads its own section with a static {@code from}
 * beside its declarations, so adding an option touches the settings type and the documentation's
 * table, not the loader.
 *
 * <p>A section remembers what was read: {@link #rejectUnknown()} then refuses, by name, an option
 * no reader asked for, and an option set for a kind it does not apply to is refused whether it is
 * read or not.
 */
public interface OptionSection {
    /** The value of {@code option} (its key's last part names it in this section), checked, or its default. */
    <T> T get(Option<T> option);

    /** As {@link #get(Option)}, with a default the caller computes where the declaration has none. */
    <T> T get(Option<T> option, T fallback);

    /** Whether this section sets {@code option}. */
    boolean has(Option<?> option);

    /** The section under {@code key}; the same object each time it is asked for. */
    OptionSection child(String key);

    /**
     * A section given either as a kind ({@code selection: boltzmann}) or as a mapping with the kind
     * under {@code kindKey} ({@code selection: {rule: boltzmann, strength: 2}}); read as the mapping.
     */
    OptionSection kindOrMapping(String key, String kindKey);

    /**
     * The mapping under {@code key} whose names the user chooses ({@code custom.options}), as
     * values of {@code Long}, {@code Double}, {@code String}, {@code Boolean} or {@code List<Double>}
     * in the configuration's order; empty if it is not set.
     */
    java.util.Map<String, Object> mapping(String key);

    /** Refuses the first option of this section that no read asked for, naming it. */
    void rejectUnknown();
}
