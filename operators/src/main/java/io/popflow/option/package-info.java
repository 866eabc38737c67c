/**
 * How an option is declared and refused: {@link io.popflow.option.Option} (key, type, default,
 * meaning, allowed values, and the {@link io.popflow.option.Variant}s it applies to) and {@link
 * io.popflow.option.InvalidOptionException} (the one-line refusal that names the option), and
 * {@link io.popflow.option.OptionSection}, through which each settings type reads its own section
 * of a run's configuration with a static {@code from} beside its declarations. A leaf:
 * it imports nothing of popflow, so every settings type, in whichever package, declares its options
 * here without a cycle through {@code io.popflow.config}.
 */
package io.popflow.option;
