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
 * @param space Gaussian: the domain's coordinate, or that coordinate mapped onto [−1, 1]
 * @param boundary Gaussian: reflect or clip at the domain's ends
 */
public record MutationSettings(
        Kernel kernel, double resampleProbability, double[] perturbationFactors, double diffusion, double dt, boolean everyone,
        GaussianMutation.Space space, GaussianMutation.Boundary boundary)
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
        InvalidOptionException.require(dt > 0 && Double.isFinite(dt), "mutation.dt", "must be finite and > 0, got " + dt);
        InvalidOptionException.require(diffusion >= 0 && Double.isFinite(diffusion), "mutation.diffusion",
                "must be finite and >= 0, got " + diffusion);
        perturbationFactors = perturbationFactors.clone();
        InvalidOptionException.require(space != null, "mutation.space", "must be set");
        InvalidOptionException.require(boundary != null, "mutation.boundary", "must be set");
    }

    /** Without the Gaussian kernel's space and boundary: the domain's coordinate, reflected at the ends. */
    public MutationSettings(Kernel kernel, double resampleProbability, double[] perturbationFactors, double diffusion,
            double dt, boolean everyone) {
        this(kernel, resampleProbability, perturbationFactors, diffusion, dt, everyone, GaussianMutation.Space.COORDINATE,
                GaussianMutation.Boundary.REFLECT);
    }

    /** Ray Tune's PBT explore step. */
    public static MutationSettings pbt(double resampleProbability, double[] perturbationFactors) {
        return new MutationSettings(Kernel.PBT, resampleProbability, perturbationFactors, 0, 1, false);
    }

    public MutationKernel build(HyperparameterSpace hyperparameters) {
        return switch (kernel) {
            case PBT -> new PbtExplorer(hyperparameters, resampleProbability, perturbationFactors);
            case GAUSSIAN -> new GaussianMutation(hyperparameters, diffusion, dt, space, boundary);
            case NONE -> new NoMutation();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MutationSettings m && kernel == m.kernel && resampleProbability == m.resampleProbability
                && Arrays.equals(perturbationFactors, m.perturbationFactors) && diffusion == m.diffusion && dt == m.dt
                && everyone == m.everyone && space == m.space && boundary == m.boundary;
    }

    @Override
    public int hashCode() {
        return kernel.hashCode() * 31 + Arrays.hashCode(perturbationFactors);
    }

    @Override
    public String toString() {
        return kernel == Kernel.PBT
                ? "pbt(resample_probability=" + resampleProbability + ", perturbation_factors=" + Arrays.toString(perturbationFactors) + ")"
                : kernel == Kernel.GAUSSIAN ? "gaussian(diffusion=" + diffusion + ", dt=" + dt + (everyone ? ", everyone" : "")
                        + (space == GaussianMutation.Space.NORMALIZED ? ", space=normalized" : "")
                        + (boundary == GaussianMutation.Boundary.CLIP ? ", boundary=clip" : "") + ")"
                : "none";
    }
}
