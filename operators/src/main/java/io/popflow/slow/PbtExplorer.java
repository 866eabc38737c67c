package io.popflow.slow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * PBT's explore step as Ray Tune does it ({@code PopulationBasedTraining._explore}), with one
 * difference: every value stays inside its declared domain.
 *
 * <p>For each mutable hyperparameter, in vector order: with probability {@code resampleProbability}
 * draw a fresh value from the domain; otherwise an interval value is multiplied by a factor drawn
 * uniformly from {@code perturbationFactors} (then rounded if whole, and clipped to the bounds), and
 * a choice value moves one entry left or right (staying put at either end).
 */
public final class PbtExplorer implements MutationKernel {
    private static final long serialVersionUID = 1L;

    private final HyperparameterSpace space;
    private final double resampleProbability;
    private final double[] perturbationFactors;

    public PbtExplorer(HyperparameterSpace space, double resampleProbability, double[] perturbationFactors) {
        if (!(resampleProbability >= 0 && resampleProbability <= 1)) {
            throw new IllegalArgumentException("resample_probability must be in [0, 1]");
        }
        if (perturbationFactors.length == 0) {
            throw new IllegalArgumentException("perturbation_factors must not be empty");
        }
        this.space = space;
        this.resampleProbability = resampleProbability;
        this.perturbationFactors = perturbationFactors.clone();
    }

    /**
     * The explored hyperparameters and one description per mutable hyperparameter of what was done
     * (e.g. {@code "lr * 0.8"}, {@code "batch_size shift right"}, {@code "weight_decay resample"}).
     */
    @Override
    public Mutated mutate(double[] h, RandomGenerator rng) {
        double[] next = h.clone();
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            String name = space.name(i);
            Domain domain = space.domain(i);
            if (domain instanceof Domain.Choice choice) {
                int at = choice.indexOf(h[i]);
                if (rng.nextDouble() < resampleProbability || at < 0) {
                    next[i] = choice.sample(rng);
                    ops.add(name + " resample");
                } else {
                    int shift = rng.nextBoolean() ? 1 : -1;
                    int to = Math.max(0, Math.min(choice.size() - 1, at + shift));
                    next[i] = choice.value(to);
                    ops.add(name + " shift " + (shift < 0 ? "left" : "right") + (to == at ? " (noop)" : ""));
                }
            } else {
                Domain.Interval interval = (Domain.Interval) domain;
                if (rng.nextDouble() < resampleProbability) {
                    next[i] = interval.sample(rng);
                    ops.add(name + " resample");
                } else {
                    double factor = perturbationFactors[rng.nextInt(perturbationFactors.length)];
                    double raw = h[i] * factor;
                    next[i] = interval.clamp(raw);
                    String op = name + " * " + trim(factor);
                    if (next[i] != raw && !(interval.isInteger() && next[i] == Math.rint(raw))) {
                        op += " (clipped to " + trim(next[i]) + ")";
                    }
                    ops.add(op);
                }
            }
        }
        return new Mutated(next, ops.toArray(new String[0]));
    }

    /** Shortest plain form: {@code 0.8}, {@code 1.2}, {@code 64}, {@code 0.000125}. */
    private static String trim(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", v))
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public String toString() {
        return "PbtExplorer{resample_probability=" + resampleProbability + ", perturbation_factors="
                + java.util.Arrays.toString(perturbationFactors) + '}';
    }
}
