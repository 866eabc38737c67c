package io.popflow.slow;

import io.popflow.es.StrategySettings;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.option.Variant;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

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
 * @param window PB2: the latest observations its Gaussian process is fitted to
 * @param explorer custom: the class of the user's kernel, or null
 */
public record MutationSettings(
        Kernel kernel,
        double resampleProbability,
        double[] perturbationFactors,
        double diffusion,
        double dt,
        boolean everyone,
        GaussianMutation.Space space,
        GaussianMutation.Boundary boundary,
        int window,
        String explorer)
        implements Serializable {

    /** The mutation kernels. */
    public enum Kernel implements Variant {
        PBT,
        GAUSSIAN,
        /** Population-based bandits: a GP-UCB choice of h from the population's recent fitness changes. */
        PB2,
        /** A class of the user's that implements {@link MutationKernel} ({@code mutation.class}). */
        CUSTOM,
        NONE;

        @Override
        public String family() {
            return "mutation";
        }
    }

    public static final Option<Kernel> KERNEL = Option.choice(
                    "mutation.kernel", Kernel.class, Kernel.PBT, "how h moves (also written mutation: <kernel>)")
            .appliesTo(StrategySettings.Kind.NONE);
    public static final Option<Double> RESAMPLE_PROBABILITY = Option.number(
                    "resample_probability",
                    0.25,
                    "pbt: chance of a fresh draw from the domain instead of a perturbation")
            .between(0, 1)
            .appliesTo(Kernel.PBT, StrategySettings.Kind.NONE);
    public static final Option<double[]> PERTURBATION_FACTORS = Option.numbers(
                    "perturbation_factors",
                    new double[] {1.2, 0.8},
                    "pbt: factors an interval value is multiplied by, one drawn at random")
            .check(f -> f.length > 0, "must list at least one factor")
            .check(f -> Arrays.stream(f).allMatch(x -> x > 0 && Double.isFinite(x)), "factors must be finite and > 0")
            .appliesTo(Kernel.PBT, StrategySettings.Kind.NONE);
    public static final Option<Double> DIFFUSION = Option.number(
                    "mutation.diffusion", 0.0, "gaussian: D of the reduced equation's mutation term")
            .check(d -> d >= 0 && Double.isFinite(d), "must be finite and >= 0")
            .appliesTo(Kernel.GAUSSIAN, StrategySettings.Kind.NONE);
    public static final Option<Double> DT = Option.number(
                    "mutation.dt", null, "gaussian: the time one generation stands for; step σ = sqrt(2 D dt)")
            .defaultIs("selection.strength under boltzmann selection, else 1")
            .check(t -> t > 0 && Double.isFinite(t), "must be finite and > 0")
            .appliesTo(Kernel.GAUSSIAN, StrategySettings.Kind.NONE);
    public static final Option<Double> STEP = Option.number(
                    "mutation.strength",
                    null,
                    "gaussian: σ of one generation's step instead of diffusion (D = σ²/(2 dt))")
            .defaultIs("none (diffusion)")
            .atLeast(0)
            .appliesTo(Kernel.GAUSSIAN, StrategySettings.Kind.NONE);
    public static final Option<Boolean> EVERYONE = Option.flag(
                    "mutation.everyone", false, "mutate every agent each generation, not only those that copied")
            .appliesTo(StrategySettings.Kind.NONE);
    public static final Option<GaussianMutation.Space> SPACE = Option.choice(
                    "mutation.space",
                    GaussianMutation.Space.class,
                    GaussianMutation.Space.COORDINATE,
                    "gaussian: the domain's coordinate (log10 for log scales), or that coordinate mapped onto [-1, 1]")
            .appliesTo(Kernel.GAUSSIAN, StrategySettings.Kind.NONE);
    public static final Option<GaussianMutation.Boundary> BOUNDARY = Option.choice(
                    "mutation.boundary",
                    GaussianMutation.Boundary.class,
                    GaussianMutation.Boundary.REFLECT,
                    "gaussian: at the domain's ends")
            .appliesTo(Kernel.GAUSSIAN, StrategySettings.Kind.NONE);
    public static final Option<Integer> WINDOW = Option.integer(
                    "mutation.window",
                    200,
                    "pb2: the latest observations (agent-generations) its Gaussian process is fitted to (Ray's minimum window)")
            .check(w -> w >= 2 && w <= 2_000, "must be in [2, 2000] (the fit costs window³)")
            .appliesTo(Kernel.PB2, StrategySettings.Kind.NONE);
    public static final Option<String> CLASS = Option.text(
                    "mutation.class",
                    null,
                    "custom: a class implementing io.popflow.slow.MutationKernel, with a public constructor taking the "
                            + "HyperparameterSpace or none")
            .defaultIs("none")
            .appliesTo(Kernel.CUSTOM, StrategySettings.Kind.NONE);

    public static final List<Option<?>> OPTIONS = List.of(
            KERNEL,
            RESAMPLE_PROBABILITY,
            PERTURBATION_FACTORS,
            DIFFUSION,
            DT,
            STEP,
            EVERYONE,
            SPACE,
            BOUNDARY,
            WINDOW,
            CLASS);

    public MutationSettings {
        RESAMPLE_PROBABILITY.require(resampleProbability);
        PERTURBATION_FACTORS.require(perturbationFactors);
        DT.require(dt);
        DIFFUSION.require(diffusion);
        perturbationFactors = perturbationFactors.clone();
        InvalidOptionException.require(space != null, "mutation.space", "must be set");
        InvalidOptionException.require(boundary != null, "mutation.boundary", "must be set");
        WINDOW.require(window);
        InvalidOptionException.require(
                (kernel == Kernel.CUSTOM) == (explorer != null),
                CLASS.key(),
                kernel == Kernel.CUSTOM ? "must name the class of mutation: custom" : "goes with mutation: custom");
        if (explorer != null) {
            CustomMutation.check(explorer);
        }
    }

    /** As the canonical constructor, without PB2's window or a custom class. */
    public MutationSettings(
            Kernel kernel,
            double resampleProbability,
            double[] perturbationFactors,
            double diffusion,
            double dt,
            boolean everyone,
            GaussianMutation.Space space,
            GaussianMutation.Boundary boundary) {
        this(
                kernel,
                resampleProbability,
                perturbationFactors,
                diffusion,
                dt,
                everyone,
                space,
                boundary,
                WINDOW.fallback(),
                null);
    }

    /** Without the Gaussian kernel's space and boundary: the domain's coordinate, reflected at the ends. */
    public MutationSettings(
            Kernel kernel,
            double resampleProbability,
            double[] perturbationFactors,
            double diffusion,
            double dt,
            boolean everyone) {
        this(
                kernel,
                resampleProbability,
                perturbationFactors,
                diffusion,
                dt,
                everyone,
                GaussianMutation.Space.COORDINATE,
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
            case PB2 -> new Pb2Explorer(hyperparameters, window);
            case CUSTOM -> CustomMutation.create(explorer, hyperparameters);
            case NONE -> new NoMutation();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MutationSettings m
                && kernel == m.kernel
                && resampleProbability == m.resampleProbability
                && Arrays.equals(perturbationFactors, m.perturbationFactors)
                && diffusion == m.diffusion
                && dt == m.dt
                && everyone == m.everyone
                && space == m.space
                && boundary == m.boundary
                && window == m.window
                && java.util.Objects.equals(explorer, m.explorer);
    }

    @Override
    public int hashCode() {
        return kernel.hashCode() * 31 + Arrays.hashCode(perturbationFactors);
    }

    @Override
    public String toString() {
        return kernel == Kernel.PBT
                ? "pbt(resample_probability=" + resampleProbability + ", perturbation_factors="
                        + Arrays.toString(perturbationFactors) + ")"
                : kernel == Kernel.GAUSSIAN
                        ? "gaussian(diffusion=" + diffusion + ", dt=" + dt + (everyone ? ", everyone" : "")
                                + (space == GaussianMutation.Space.NORMALIZED ? ", space=normalized" : "")
                                + (boundary == GaussianMutation.Boundary.CLIP ? ", boundary=clip" : "") + ")"
                        : kernel == Kernel.PB2
                                ? "pb2(window=" + window + ")"
                                : kernel == Kernel.CUSTOM ? "custom(" + explorer + ")" : "none";
    }

    /**
     * Reads {@code mutation: gaussian} or {@code mutation: {kernel: gaussian, diffusion: 0.05, dt:
     * 0.1, everyone: true, space: coordinate|normalized, boundary: reflect|clip}} ({@code strength:
     * σ} instead of diffusion); pbt reads {@code resample_probability} and {@code
     * perturbation_factors}; {@code {kernel: pb2, window: 200}}; {@code {kernel: custom, class:
     * com.example.Explore}}. A Gaussian kernel's dt defaults to the Boltzmann strength (one
     * generation is time α of the reduced equation, see docs/theory.md), else to 1.
     */
    public static MutationSettings from(OptionSection run, SelectionSettings selection) {
        OptionSection m = run.kindOrMapping("mutation", KERNEL.leaf());
        Kernel kernel = m.get(KERNEL);
        double defaultDt = selection.rule() == SelectionSettings.Rule.BOLTZMANN && selection.strength() > 0
                ? selection.strength()
                : 1.0;
        double dt = m.get(DT, defaultDt);
        double diffusion = m.get(DIFFUSION);
        if (m.has(STEP)) {
            // σ of one generation's step, the form the seed authors give: D = σ²/(2Δt)
            InvalidOptionException.require(
                    !m.has(DIFFUSION),
                    STEP.key(),
                    "sets σ = sqrt(2 D Δt) itself: give strength or diffusion, not both");
            double strength = m.get(STEP);
            diffusion = strength * strength / (2 * dt);
        }
        MutationSettings settings = new MutationSettings(
                kernel,
                run.get(RESAMPLE_PROBABILITY),
                run.get(PERTURBATION_FACTORS),
                diffusion,
                dt,
                m.get(EVERYONE),
                m.get(SPACE),
                m.get(BOUNDARY),
                m.get(WINDOW),
                m.get(CLASS));
        m.rejectUnknown();
        return settings;
    }
}
