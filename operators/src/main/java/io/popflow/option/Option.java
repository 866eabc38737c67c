package io.popflow.option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One configuration option, declared once next to the settings it builds: its dotted key, its
 * type, its default, what it means and which values it takes. The loader reads every option
 * through its declaration, the settings' constructors check their values with {@link #require},
 * and {@code popflow options} and the README's option list are checked against the declarations,
 * so that no key, default or range is written twice.
 *
 * @param <T> the value's type: Integer, Long (also durations, in ms), Double, Boolean, String, an
 *     enum, int[], double[] or a list of paths
 */
public final class Option<T> {
    /** How a value is written in YAML. */
    public enum Kind {
        INTEGER,
        LONG,
        NUMBER,
        FLAG,
        TEXT,
        CHOICE,
        INTEGERS,
        NUMBERS,
        DURATION,
        PATHS
    }

    private final String key;
    private final Kind kind;
    private final T fallback;
    private final String defaultText;
    private final String description;
    private final Class<?> choices;
    private final List<Predicate<T>> checks;
    private final List<String> rules;
    private final boolean path;
    private final List<Variant> appliesTo;

    private Option(
            String key,
            Kind kind,
            T fallback,
            String defaultText,
            String description,
            Class<?> choices,
            List<Predicate<T>> checks,
            List<String> rules,
            boolean path) {
        this(key, kind, fallback, defaultText, description, choices, checks, rules, path, List.of());
    }

    private Option(
            String key,
            Kind kind,
            T fallback,
            String defaultText,
            String description,
            Class<?> choices,
            List<Predicate<T>> checks,
            List<String> rules,
            boolean path,
            List<Variant> appliesTo) {
        this.key = key;
        this.kind = kind;
        this.fallback = fallback;
        this.defaultText = defaultText;
        this.description = description;
        this.choices = choices;
        this.checks = checks;
        this.rules = rules;
        this.path = path;
        this.appliesTo = appliesTo;
    }

    private static <T> Option<T> of(String key, Kind kind, T fallback, String description, Class<?> choices) {
        return new Option<>(key, kind, fallback, null, description, choices, List.of(), List.of(), false);
    }

    public static Option<Integer> integer(String key, Integer fallback, String description) {
        return of(key, Kind.INTEGER, fallback, description, null);
    }

    public static Option<Long> wholeNumber(String key, Long fallback, String description) {
        return of(key, Kind.LONG, fallback, description, null);
    }

    public static Option<Double> number(String key, Double fallback, String description) {
        return of(key, Kind.NUMBER, fallback, description, null);
    }

    public static Option<Boolean> flag(String key, Boolean fallback, String description) {
        return of(key, Kind.FLAG, fallback, description, null);
    }

    public static Option<String> text(String key, String fallback, String description) {
        return of(key, Kind.TEXT, fallback, description, null);
    }

    /**
     * Text that names a file or folder. A run's {@code config.yaml} holds it as an absolute path,
     * so that a resume or replay from another working directory finds the same file.
     */
    public static Option<String> path(String key, String fallback, String description) {
        return new Option<>(key, Kind.TEXT, fallback, null, description, null, List.of(), List.of(), true, List.of());
    }

    /**
     * A list of files or folders (a one-element list may be written as its element). A run's {@code
     * config.yaml} holds them as absolute paths, as for {@link #path}.
     */
    public static Option<List<String>> paths(String key, String description) {
        return new Option<>(key, Kind.PATHS, List.of(), null, description, null, List.of(), List.of(), true, List.of());
    }

    /** One of {@code type}'s constants, written in lower case with '-' or '_' ({@code negative_loss}). */
    public static <E extends Enum<E>> Option<E> choice(String key, Class<E> type, E fallback, String description) {
        return of(key, Kind.CHOICE, fallback, description, type);
    }

    public static Option<int[]> integers(String key, int[] fallback, String description) {
        return of(key, Kind.INTEGERS, fallback, description, null);
    }

    public static Option<double[]> numbers(String key, double[] fallback, String description) {
        return of(key, Kind.NUMBERS, fallback, description, null);
    }

    /** A duration in milliseconds, written as whole milliseconds or as {@code 500ms}, {@code 5s}, {@code 2m}. */
    public static Option<Long> duration(String key, Long fallback, String description) {
        return of(key, Kind.DURATION, fallback, description, null);
    }

    /** This option with a further rule: {@code ok} holds for a usable value; {@code rule} says so ("must be >= 1"). */
    public Option<T> check(Predicate<T> ok, String rule) {
        List<Predicate<T>> c = new ArrayList<>(checks);
        c.add(ok);
        List<String> r = new ArrayList<>(rules);
        r.add(rule);
        return new Option<>(
                key,
                kind,
                fallback,
                defaultText,
                description,
                choices,
                List.copyOf(c),
                List.copyOf(r),
                path,
                appliesTo);
    }

    /** This option whose default is computed where it is read; {@code text} says how. */
    public Option<T> defaultIs(String text) {
        return new Option<>(key, kind, fallback, text, description, choices, checks, rules, path, appliesTo);
    }

    /**
     * This option, meaningful only where the run's kind of each family among {@code kinds} is one
     * of them ({@code strategy.lr} only for openai_es); a configuration that sets it elsewhere is
     * refused rather than ignored. Kinds of different families must all hold.
     */
    public Option<T> appliesTo(Variant... kinds) {
        List<Variant> all = new ArrayList<>(appliesTo);
        all.addAll(Arrays.asList(kinds));
        return new Option<>(
                key, kind, fallback, defaultText, description, choices, checks, rules, path, List.copyOf(all));
    }

    /** The kinds this option is restricted to (empty: it applies to every run). */
    public List<Variant> appliesTo() {
        return appliesTo;
    }

    /**
     * The first of a run's {@code kinds} (one per family) this option does not apply to, or null if
     * it applies to all of them.
     */
    public Variant inapplicableTo(Collection<? extends Variant> kinds) {
        for (Variant run : kinds) {
            boolean restricted = appliesTo.stream().anyMatch(v -> v.family().equals(run.family()));
            if (restricted && !appliesTo.contains(run)) {
                return run;
            }
        }
        return null;
    }

    /** The one-line refusal of this option under {@code kind}, which it does not apply to. */
    public InvalidOptionException notFor(Variant kind) {
        List<String> to = appliesTo.stream()
                .filter(v -> v.family().equals(kind.family()))
                .map(Variant::label)
                .toList();
        return new InvalidOptionException(
                key,
                "does not apply to " + kind.family() + " " + kind.label() + " (only to " + String.join(", ", to) + ")");
    }

    public Option<T> atLeast(double min) {
        return check(v -> number(v) >= min, "must be >= " + format(min));
    }

    public Option<T> above(double min) {
        return check(v -> number(v) > min, "must be > " + format(min));
    }

    /** Within [min, max]. */
    public Option<T> between(double min, double max) {
        return check(
                v -> number(v) >= min && number(v) <= max, "must be in [" + format(min) + ", " + format(max) + "]");
    }

    private static double number(Object v) {
        return ((Number) v).doubleValue();
    }

    public String key() {
        return key;
    }

    /** The last part of the key: its name inside its section. */
    public String leaf() {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the value names a file or folder ({@link #path}). */
    public boolean isPath() {
        return path;
    }

    /** The default, or null where there is none or it is computed ({@link #defaultText}). */
    public T fallback() {
        return fallback;
    }

    public String description() {
        return description;
    }

    /** The enum whose constants a choice takes. */
    public Class<?> choices() {
        return choices;
    }

    /** Whether {@link #defaultIs} describes the default in words: computed where the option is read, or none. */
    public boolean hasDescribedDefault() {
        return defaultText != null;
    }

    /** The default as the configuration writes it ("none" if there is none). */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        if (fallback == null) {
            return "none";
        }
        if (kind == Kind.DURATION) {
            return fallback + " ms";
        }
        return fallback instanceof String text ? text : show(fallback);
    }

    /** The rules a value must meet, or the choices it takes, as one phrase ("" if any value goes). */
    public String rules() {
        List<String> all = new ArrayList<>(rules);
        if (choices != null) {
            all.add(0, "one of " + String.join(", ", choiceNames(choices)));
        }
        return String.join("; ", all);
    }

    /** The names a choice of {@code type} is written with. */
    public static List<String> choiceNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** What is wrong with {@code value}, or null if it is usable. */
    public String problem(T value) {
        for (int i = 0; i < checks.size(); i++) {
            if (!checks.get(i).test(value)) {
                return rules.get(i) + ", got " + show(value) + (kind == Kind.DURATION ? " ms" : "");
            }
        }
        return null;
    }

    /** {@code value}, if usable; else an {@link InvalidOptionException} naming this option. */
    public T require(T value) {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidOptionException(key, problem);
        }
        return value;
    }

    /** A value as the configuration writes it. */
    public static String show(Object v) {
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof String text) {
            return "'" + text + "'";
        }
        return String.valueOf(v); // Java's own text, as the problems have always quoted numbers
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return key;
    }
}
