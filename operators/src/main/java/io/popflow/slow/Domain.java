package io.popflow.slow;

import java.io.Serializable;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** The values a mutable hyperparameter may take: a bounded interval or a list of choices. */
public sealed interface Domain extends Serializable permits Domain.Interval, Domain.Choice {

    /** A value drawn from the domain's own law (uniform in the scaled interval, or over the list). */
    double sample(RandomGenerator rng);

    boolean contains(double value);

    /** Whether the domain holds counts (kept whole). */
    boolean isInteger();

    /**
     * The coordinate in which the domain is uniform and mutation diffuses: the value itself
     * (linear), its logarithm (log scale), or the index of a choice.
     */
    double coordinate(double value);

    /** The value of the domain nearest to coordinate {@code y} (inverse of {@link #coordinate}). */
    double fromCoordinate(double y);

    /** Lowest coordinate. */
    double lowerCoordinate();

    /** Highest coordinate. */
    double upperCoordinate();

    /** How an interval is measured: uniformly, or uniformly in the logarithm. */
    enum Scale {
        LINEAR,
        LOG
    }

    /**
     * The interval [min, max], sampled uniformly in {@code scale}; integer intervals hold the whole
     * numbers in it.
     */
    record Interval(double min, double max, Scale scale, boolean integer) implements Domain {
        public Interval {
            if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("need finite min <= max, got [" + min + ", " + max + "]");
            }
            if (scale == Scale.LOG && min <= 0) {
                throw new IllegalArgumentException("a log scale needs min > 0, got " + min);
            }
            if (integer && Math.ceil(min) > Math.floor(max)) {
                throw new IllegalArgumentException("no whole number in [" + min + ", " + max + "]");
            }
        }

        /**
         * A uniform draw in {@code scale}. An integer interval [a, b] draws every whole number with
         * equal probability on a linear scale (Ray's {@code randint}); on a log scale it floors a
         * log-uniform draw on [a, b + 1), so k has probability log((k + 1)/k) / log((b + 1)/a) (Ray's
         * {@code lograndint}). Rounding a continuous draw instead gives each end half the chance of the others.
         */
        @Override
        public double sample(RandomGenerator rng) {
            if (integer) {
                double lo = Math.ceil(min);
                double hi = Math.floor(max);
                if (scale == Scale.LOG) {
                    double u = rng.nextDouble();
                    double k = Math.floor(Math.exp(Math.log(lo) + u * (Math.log(hi + 1) - Math.log(lo))));
                    return Math.min(hi, Math.max(lo, k));
                }
                return lo + rng.nextLong((long) (hi - lo) + 1);
            }
            double u = rng.nextDouble();
            double v = scale == Scale.LOG
                    ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
                    : min + u * (max - min);
            return clamp(v);
        }

        @Override
        public boolean contains(double value) {
            return value >= min && value <= max && (!integer || value == Math.rint(value));
        }

        @Override
        public boolean isInteger() {
            return integer;
        }

        @Override
        public double coordinate(double value) {
            return scale == Scale.LOG ? Math.log(value) : value;
        }

        @Override
        public double fromCoordinate(double y) {
            return clamp(scale == Scale.LOG ? Math.exp(y) : y);
        }

        @Override
        public double lowerCoordinate() {
            return coordinate(min);
        }

        @Override
        public double upperCoordinate() {
            return coordinate(max);
        }

        /** The nearest value of the domain (rounded for integers). */
        public double clamp(double value) {
            if (integer) {
                return Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.rint(value)));
            }
            return Math.min(max, Math.max(min, value));
        }
    }

    /** A list of numeric choices, ordered: mutation moves to a neighbouring entry. */
    record Choice(double[] values) implements Domain {
        public Choice {
            if (values.length == 0) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
            values = values.clone();
        }

        @Override
        public double sample(RandomGenerator rng) {
            return values[rng.nextInt(values.length)];
        }

        @Override
        public boolean contains(double value) {
            return indexOf(value) >= 0;
        }

        @Override
        public boolean isInteger() {
            return Arrays.stream(values).allMatch(v -> v == Math.rint(v));
        }

        @Override
        public double coordinate(double value) {
            return indexOf(value);
        }

        @Override
        public double fromCoordinate(double y) {
            return values[(int) Math.max(0, Math.min(values.length - 1, Math.rint(y)))];
        }

        @Override
        public double lowerCoordinate() {
            return 0;
        }

        @Override
        public double upperCoordinate() {
            return values.length - 1;
        }

        public int indexOf(double value) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == value) {
                    return i;
                }
            }
            return -1;
        }

        public int size() {
            return values.length;
        }

        public double value(int index) {
            return values[index];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Choice c && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Choice" + Arrays.toString(values);
        }
    }
}
