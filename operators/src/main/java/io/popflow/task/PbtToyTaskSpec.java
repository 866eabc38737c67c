package io.popflow.task;

import io.popflow.fast.Hyperparameter;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * The toy problem of Jaderberg et al. (2017, Fig. 2): maximise Q(θ) = 1.2 − θ₀² − θ₁² while
 * training on the surrogate Q̂(θ|h) = 1.2 − h₀θ₀² − h₁θ₁², i.e. on the loss h₀θ₀² + h₁θ₁² − 1.2.
 * The task's hyperparameters are {@code h0} and {@code h1}; θ starts at {@code initial}.
 *
 * @param initial θ at creation (the paper: (0.9, 0.9))
 */
public record PbtToyTaskSpec(double[] initial) implements GradientTaskSpec {

    public static final Option<double[]> INITIAL = Option.numbers(
                    "pbt_toy.initial", new double[] {0.9, 0.9}, "θ at creation")
            .appliesTo(TaskKind.PBT_TOY);

    public static final List<Option<?>> OPTIONS = List.of(INITIAL);

    public PbtToyTaskSpec {
        InvalidOptionException.require(
                initial.length == 2, "pbt_toy.initial", "needs 2 coordinates, got " + initial.length);
        initial = initial.clone();
    }

    @Override
    public Task create(long runSeed) {
        return new PbtToyTask(initial);
    }

    @Override
    public String name() {
        return "pbt-toy";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(
                Hyperparameter.task("h0", 1, 0, Double.POSITIVE_INFINITY),
                Hyperparameter.task("h1", 1, 0, Double.POSITIVE_INFINITY));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PbtToyTaskSpec p && Arrays.equals(initial, p.initial);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(initial);
    }

    @Override
    public String toString() {
        return "pbt-toy";
    }

    /** Reads the {@code pbt_toy} section: {@code {initial}}. */
    public static PbtToyTaskSpec from(OptionSection run) {
        OptionSection t = run.child("pbt_toy");
        PbtToyTaskSpec spec = new PbtToyTaskSpec(t.get(INITIAL));
        t.rejectUnknown();
        return spec;
    }
}
