package io.popflow.slow;

import io.popflow.config.InvalidOptionException;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Which mutation kernel runs, its parameters, and who mutates.
 *
 * @param kernel the kernel
 * @param resampleProbability PBT: chance of a fresh draw instead of a perturbation
 * @param perturbationFactors PBT: factors an interval value is multiplied by
 * @param diffusion Gaussian: D
 * @param dt Gaussian: the time one generation stands for (Δt); see {@code docs/reduced-dynamics.md}
 * @param everyone mutate every agent each generation, not only offspring
 */
public record MutationSettings(
        Kernel kernel, double resampleProbability, double[] perturbationFactors, double diffusion, double dt, boolean everyone)
        implements Serializable {

    /** The mutation kernels. */
    public enum Kernel {
        PBT,
        GAUSSIAN,
        NONE
    }

    public MutationSettings {
        InvalidOptionException.require(resampleProbability >= 0 && resampleProbability <= 1, "resample_probability",
                "must be in [0, 1], got " + resampleProbability);
        InvalidOptionException.require(perturbationFactors.length > 0, "perturbation_factors", "must list at least one factor");
        for (double f : perturbationFactors) {
            InvalidOptionException.require(f > 0 && Double.isFinite(f), "perturbation_factors",
                    "factors must be finite and > 0, got " + f);
        }
        InvalidOptionException.require(diffusion >= 0 && Double.isFinite(diffusion), "mutation.diffusion",
                "must be finite and >= 0, got " + diffusion);
        InvalidOptionException.require(dt > 0 && Double.isFinite(dt), "mutation.dt", "must be finite and > 0, got " + dt);
        perturbationFactors = perturbationFactors.clone();
    }

    /** Ray Tune's PBT explore step. */
    public static MutationSettings pbt(double resampleProbability, double[] perturbationFactors) {
        return new MutationSettings(Kernel.PBT, resampleProbability, perturbationFactors, 0, 1, false);
    }

    public MutationKernel build(HyperparameterSpace space) {
        return switch (kernel) {
            case PBT -> new PbtExplorer(space, resampleProbability, perturbationFactors);
            case GAUSSIAN -> new GaussianMutation(space, diffusion, dt);
            case NONE -> new NoMutation();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MutationSettings m && kernel == m.kernel && resampleProbability == m.resampleProbability
                && Arrays.equals(perturbationFactors, m.perturbationFactors) && diffusion == m.diffusion && dt == m.dt
                && everyone == m.everyone;
    }

    @Override
    public int hashCode() {
        return kernel.hashCode() * 31 + Arrays.hashCode(perturbationFactors);
    }

    @Override
    public String toString() {
        return kernel == Kernel.PBT
                ? "pbt(resample_probability=" + resampleProbability + ", perturbation_factors=" + Arrays.toString(perturbationFactors) + ")"
                : kernel == Kernel.GAUSSIAN ? "gaussian(diffusion=" + diffusion + ", dt=" + dt + (everyone ? ", everyone" : "") + ")"
                : "none";
    }
}
