package io.popflow.math;

import java.util.Arrays;

/**
 * Times to reach a target, some of which are censored: the run ended (its budget spent) before it
 * reached. A censored run is not given the budget as its time (that would call it a success at the
 * last moment) nor left out (that would forget a failure): it counts as "later than any budget",
 * +∞, so order statistics are those of the full sample, and a quantile that falls on censored runs
 * is itself "not reached".
 *
 * @param times each run's time to reach; {@link Long#MAX_VALUE} where it did not
 */
public record Censored(long[] times) {
    public static final long NOT_REACHED = Long.MAX_VALUE;

    public Censored {
        times = times.clone();
        Arrays.sort(times);
    }

    public int runs() {
        return times.length;
    }

    public int reached() {
        return (int) Arrays.stream(times).filter(t -> t != NOT_REACHED).count();
    }

    /**
     * The {@code q}-quantile, as the order statistic of rank ceil(q n) (the empirical distribution's
     * inverse, no interpolation, since one side may be +∞); {@link #NOT_REACHED} if it is a censored run.
     */
    public long quantile(double q) {
        if (times.length == 0) {
            return NOT_REACHED;
        }
        int rank = Math.max(1, (int) Math.ceil(q * times.length));
        return times[rank - 1];
    }

    public long median() {
        return quantile(0.5);
    }

    /** The share of runs that reached by time {@code t}. */
    public double reachedBy(long t) {
        return Arrays.stream(times).filter(x -> x <= t).count() / (double) times.length;
    }

    /** A quantile for a table: the number, or "not reached". */
    public static String show(long t) {
        return t == NOT_REACHED ? "not reached" : String.format(java.util.Locale.ROOT, "%,d", t);
    }
}
