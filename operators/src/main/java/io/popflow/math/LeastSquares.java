package io.popflow.math;

/** Ordinary least squares on one regressor. */
public final class LeastSquares {
    private LeastSquares() {}

    /** Slope of the least-squares line of {@code y} on {@code x}. */
    public static double slope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need two or more (x, y) pairs, got " + x.length + " and " + y.length);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
