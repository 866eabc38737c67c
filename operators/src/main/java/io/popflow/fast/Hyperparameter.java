package io.popflow.fast;

/**
 * The hyperparameters of the fast dynamics, by the names a Ray Tune user would write, with the
 * range in which the update rules are defined and the value used when a run does not set them.
 */
public enum Hyperparameter {
    LR("lr", 0.05, false) {
        @Override
        public String checkValue(double v) {
            return v > 0 ? null : "must be > 0";
        }
    },
    MOMENTUM("momentum", 0.0, false) {
        @Override
        public String checkValue(double v) {
            return v >= 0 && v < 1 ? null : "must be in [0, 1)";
        }
    },
    WEIGHT_DECAY("weight_decay", 0.0, false) {
        @Override
        public String checkValue(double v) {
            return v >= 0 ? null : "must be >= 0";
        }
    },
    TEMPERATURE("temperature", 0.0, false) {
        @Override
        public String checkValue(double v) {
            return v >= 0 ? null : "must be >= 0";
        }
    },
    BATCH_SIZE("batch_size", 32, true) {
        @Override
        public String checkValue(double v) {
            return v >= 1 && v == Math.rint(v) ? null : "must be a whole number >= 1";
        }
    };

    private final String key;
    private final double defaultValue;
    private final boolean integer;

    Hyperparameter(String key, double defaultValue, boolean integer) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.integer = integer;
    }

    /** The configuration name, e.g. {@code weight_decay}. */
    public String key() {
        return key;
    }

    public double defaultValue() {
        return defaultValue;
    }

    /** Whether the value is a count (kept whole under mutation). */
    public boolean isInteger() {
        return integer;
    }

    /** Null if {@code value} is usable, else what is wrong with it. */
    public abstract String checkValue(double value);

    /** The hyperparameter called {@code key}, or null. */
    public static Hyperparameter byKey(String key) {
        for (Hyperparameter h : values()) {
            if (h.key.equals(key)) {
                return h;
            }
        }
        return null;
    }

    /** The update rule's reading of a full assignment, indexed by ordinal. */
    public static FastHyperparameters toFast(double[] byOrdinal) {
        return new FastHyperparameters(
                byOrdinal[LR.ordinal()],
                byOrdinal[MOMENTUM.ordinal()],
                byOrdinal[WEIGHT_DECAY.ordinal()],
                byOrdinal[TEMPERATURE.ordinal()],
                (int) byOrdinal[BATCH_SIZE.ordinal()]);
    }
}
