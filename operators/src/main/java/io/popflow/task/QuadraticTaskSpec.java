package io.popflow.task;

import io.popflow.math.RandomStreams;
import io.popflow.math.SplitMix64;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.util.List;

/**
 * The analytic bilevel task of closed-forms §3: a quadratic training loss whose Gibbs effective
 * fitness is known exactly.
 *
 * <p>Training loss {@code L(θ) = ½ Σᵢ Hᵢ (θᵢ − aᵢ)²}, validation loss {@code ½ |θ − b|²}, with the
 * curvatures {@code Hᵢ} log-spaced in {@code [curvatureMin, curvatureMax]}, the validation optimum
 * {@code bᵢ ~ N(0, signal²)} and the training optimum {@code aᵢ = bᵢ + N(0, noise²)} (a noisy
 * estimate of it, so weight decay pays). Both are drawn from the run's task-instance stream.
 *
 * @param dimension d, the length of θ
 * @param curvatureMin smallest eigenvalue of H
 * @param curvatureMax largest eigenvalue of H
 * @param signal scale of the validation optimum
 * @param noise scale of the training optimum's error
 */
public record QuadraticTaskSpec(int dimension, double curvatureMin, double curvatureMax, double signal, double noise)
        implements GradientTaskSpec {

    public static final Option<Integer> DIMENSION = Option.integer("quadratic.dimension", 10, "dimension of θ")
            .atLeast(1)
            .appliesTo(TaskKind.QUADRATIC);
    public static final Option<double[]> CURVATURE = Option.numbers(
                    "quadratic.curvature",
                    new double[] {0.5, 5.0},
                    "[min, max] eigenvalues of the training loss's Hessian")
            .check(c -> c.length == 2, "must be [min, max]")
            .appliesTo(TaskKind.QUADRATIC);
    public static final Option<Double> SIGNAL = Option.number(
                    "quadratic.signal", 1.0, "scale of the validation optimum")
            .atLeast(0)
            .appliesTo(TaskKind.QUADRATIC);
    public static final Option<Double> NOISE = Option.number(
                    "quadratic.noise", 0.5, "scale of the training optimum's error")
            .atLeast(0)
            .appliesTo(TaskKind.QUADRATIC);

    public static final List<Option<?>> OPTIONS = List.of(DIMENSION, CURVATURE, SIGNAL, NOISE);

    public QuadraticTaskSpec {
        DIMENSION.require(dimension);
        InvalidOptionException.require(
                curvatureMin > 0 && curvatureMax >= curvatureMin,
                "quadratic.curvature",
                "need 0 < min <= max, got [" + curvatureMin + ", " + curvatureMax + "]");
        InvalidOptionException.require(
                signal >= 0 && noise >= 0, "quadratic.signal", "signal and noise scales must be >= 0");
    }

    /** The instance for {@code runSeed}. */
    public QuadraticTask instance(long runSeed) {
        SplitMix64 rng = RandomStreams.TASK_INSTANCE.generator(runSeed);
        double[] h = new double[dimension];
        double[] a = new double[dimension];
        double[] b = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            double t = dimension == 1 ? 0 : (double) i / (dimension - 1);
            h[i] = curvatureMin * Math.pow(curvatureMax / curvatureMin, t);
            b[i] = signal * rng.nextGaussian();
            a[i] = b[i] + noise * rng.nextGaussian();
        }
        return new QuadraticTask(h, a, b);
    }

    @Override
    public Task create(long runSeed) {
        return instance(runSeed);
    }

    @Override
    public String name() {
        return "quadratic";
    }

    /** Reads the {@code quadratic} section: {@code {dimension, curvature: [min, max], signal, noise}}. */
    public static QuadraticTaskSpec from(OptionSection run) {
        OptionSection q = run.child("quadratic");
        double[] curvature = q.get(CURVATURE);
        QuadraticTaskSpec spec =
                new QuadraticTaskSpec(q.get(DIMENSION), curvature[0], curvature[1], q.get(SIGNAL), q.get(NOISE));
        q.rejectUnknown();
        return spec;
    }
}
