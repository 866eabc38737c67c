package io.popflow.es;

import java.util.Arrays;
import java.util.Comparator;

/** How an ES turns a generation's fitness into the weights of its gradient estimate. */
public enum FitnessShaping {
    /** The raw fitness (the estimate is then unbiased for the smoothed objective's gradient). */
    NONE {
        @Override
        public double[] shape(double[] f) {
            return f.clone();
        }
    },
    /** Ranks mapped onto [−0.5, 0.5] (Salimans et al. 2017): invariant to monotone transformations of fitness. */
    CENTERED_RANKS {
        @Override
        public double[] shape(double[] f) {
            int n = f.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> f[i]));
            double[] out = new double[n];
            for (int rank = 0; rank < n; rank++) {
                out[order[rank]] = n == 1 ? 0 : rank / (double) (n - 1) - 0.5;
            }
            return out;
        }
    },
    /** (f − mean) / standard deviation. */
    Z_SCORE {
        @Override
        public double[] shape(double[] f) {
            double mean = Arrays.stream(f).average().orElse(0);
            double var = Arrays.stream(f).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, f.length - 1);
            double sd = Math.sqrt(var);
            return Arrays.stream(f).map(x -> sd > 0 ? (x - mean) / sd : 0).toArray();
        }
    };

    /** The weights of {@code fitness} (higher is better), in member order. */
    public abstract double[] shape(double[] fitness);
}
