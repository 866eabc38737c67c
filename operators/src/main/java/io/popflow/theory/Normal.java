package io.popflow.theory;

/** The standard normal distribution function. */
final class Normal {
    private Normal() {}

    /** Φ(z) = erfc(−z/√2)/2. */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /**
     * The complementary error function, by a Chebyshev expansion in t = 2/(2 + x) (the form of
     * Numerical Recipes, 3rd ed., §6.2.2); relative error about 1e-15 (checked in NormalTest
     * against tabulated values).
     */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        double t = 2 / (2 + x);
        double ty = 4 * t - 2;
        double d = 0;
        double dd = 0;
        for (int j = COF.length - 1; j > 0; j--) {
            double tmp = d;
            d = ty * d - dd + COF[j];
            dd = tmp;
        }
        return t * Math.exp(-x * x + 0.5 * (COF[0] + ty * d) - dd);
    }

    private static final double[] COF = {
        -1.3026537197817094,
        6.4196979235649026e-1,
        1.9476473204185836e-2,
        -9.561514786808631e-3,
        -9.46595344482036e-4,
        3.66839497852761e-4,
        4.2523324806907e-5,
        -2.0278578112534e-5,
        -1.624290004647e-6,
        1.303655835580e-6,
        1.5626441722e-8,
        -8.5238095915e-8,
        6.529054439e-9,
        5.059343495e-9,
        -9.91364156e-10,
        -2.27365122e-10,
        9.6467911e-11,
        2.394038e-12,
        -6.886027e-12,
        8.94487e-13,
        3.13092e-13,
        -1.12708e-13,
        3.81e-16,
        7.106e-15,
        -1.523e-15,
        -9.4e-17,
        1.21e-16,
        -2.8e-17
    };
}
