package io.popflow.fast;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A hyperparameter by the name a Ray Tune user would write, with the range in which it is
 * defined and the value used when a run does not set it. The fast dynamics' own knobs ({@link
 * #FAST}) are read by the update rule; a task may declare knobs of its own (the PBT toy's surrogate
 * weights, a landscape's target point), which its objective reads.
 *
 * @param key the configuration name, e.g. {@code weight_decay}
 * @param defaultValue value when neither fixed nor mutated
 * @param min lower end of the valid range
 * @param minInclusive whether {@code min} itself is valid
 * @param max upper end of the valid range
 * @param maxInclusive whether {@code max} itself is valid
 * @param integer whether the value is a count (kept whole under mutation)
 * @param fast whether the update rule reads it (else the task does)
 */
public record Hyperparameter(
        String key,
        double defaultValue,
        double min,
        boolean minInclusive,
        double max,
        boolean maxInclusive,
        boolean integer,
        boolean fast)
        implements Serializable {

    public static final Hyperparameter LR =
            new Hyperparameter("lr", 0.05, 0, false, Double.POSITIVE_INFINITY, false, false, true);
    public static final Hyperparameter MOMENTUM = new Hyperparameter("momentum", 0, 0, true, 1, false, false, true);
    public static final Hyperparameter WEIGHT_DECAY =
            new Hyperparameter("weight_decay", 0, 0, true, Double.POSITIVE_INFINITY, false, false, true);
    public static final Hyperparameter TEMPERATURE =
            new Hyperparameter("temperature", 0, 0, true, Double.POSITIVE_INFINITY, false, false, true);
    public static final Hyperparameter BATCH_SIZE =
            new Hyperparameter("batch_size", 32, 1, true, Double.POSITIVE_INFINITY, false, true, true);

    /** The update rules' knobs, in the order of {@link FastHyperparameters}. */
    public static final List<Hyperparameter> FAST = List.of(LR, MOMENTUM, WEIGHT_DECAY, TEMPERATURE, BATCH_SIZE);

    /** A real-valued knob of a task, valid in [min, max]. */
    public static Hyperparameter task(String key, double defaultValue, double min, double max) {
        return new Hyperparameter(key, defaultValue, min, true, max, true, false, false);
    }

    /** Null if {@code value} is usable, else what is wrong with it. */
    public String checkValue(double value) {
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        boolean whole = !integer || value == Math.rint(value);
        if (aboveMin && belowMax && whole && Double.isFinite(value)) {
            return null;
        }
        String kind = integer ? "a whole number " : "";
        if (max == Double.POSITIVE_INFINITY && min == Double.NEGATIVE_INFINITY) {
            return "must be " + (integer ? "a whole number" : "finite");
        }
        if (max == Double.POSITIVE_INFINITY) {
            return "must be " + kind + (minInclusive ? ">= " : "> ") + format(min);
        }
        return "must be " + kind + "in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max)
                + (maxInclusive ? "]" : ")");
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** The fast knob called {@code key}, or null. */
    public static Hyperparameter fastByKey(String key) {
        return FAST.stream().filter(h -> h.key.equals(key)).findFirst().orElse(null);
    }
}
