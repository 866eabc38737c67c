package io.popflow.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's {@code custom.options}, handed to a user's class: a mapping of names to numbers, text,
 * true/false or lists of numbers, as the configuration writes them (and as the run's {@code
 * config.yaml} records them). Each read says the type it wants; a value of another type is refused
 * with the option's name, before the run starts.
 */
public final class CustomOptions {
    private final Map<String, Object> values;

    /**
     * @param values names to {@link Double}, {@link Long}, {@link String}, {@link Boolean} or {@code
     *     List<Double>} values
     */
    public CustomOptions(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No options. */
    public static CustomOptions none() {
        return new CustomOptions(Map.of());
    }

    /** The names given, in the configuration's order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The number {@code name}, or {@code fallback} if it is not given. */
    public double number(String name, double fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw refused(name, "a number", v);
        }
        return n.doubleValue();
    }

    /** The whole number {@code name}, or {@code fallback} if it is not given. */
    public long wholeNumber(String name, long fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long || v instanceof Integer)) {
            throw refused(name, "a whole number", v);
        }
        return ((Number) v).longValue();
    }

    /** The text {@code name}, or {@code fallback} if it is not given. */
    public String text(String name, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw refused(name, "text", v);
        }
        return s;
    }

    /** The flag {@code name}, or {@code fallback} if it is not given. */
    public boolean flag(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw refused(name, "true or false", v);
        }
        return b;
    }

    /** The list of numbers {@code name}, or {@code fallback} if it is not given. */
    public double[] numbers(String name, double[] fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
            throw refused(name, "a list of numbers", v);
        }
        return list.stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
    }

    private static IllegalArgumentException refused(String name, String wanted, Object got) {
        return new IllegalArgumentException("custom.options." + name + " must be " + wanted + ", got " + got);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
