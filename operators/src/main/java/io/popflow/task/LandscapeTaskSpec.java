package io.popflow.task;

import io.popflow.fast.Hyperparameter;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An analytic two-time-scale task: θ relaxes to the point h (the task's hyperparameters {@code x0},
 * {@code x1}, ...) under the training loss {@code ½ k |θ − h|²}, and fitness is −g(θ) for a test
 * function g. Under SGLD the weights settle to a Gaussian around h, so the effective fitness F(h) is
 * −g smoothed by that Gaussian, known in closed form ({@link LandscapeTask#closedFormFitness}).
 *
 * @param function the test function g
 * @param dimension the length of θ and h (2 for Himmelblau)
 * @param curvature k, the stiffness that pulls θ to h
 * @param sharpness s of the sphere (unused by Himmelblau)
 * @param center c of the sphere (unused by Himmelblau)
 */
public record LandscapeTaskSpec(Landscape function, int dimension, double curvature, double sharpness, double[] center)
        implements GradientTaskSpec {

    public static final Option<Landscape> FUNCTION = Option.choice(
                    "landscape.function", Landscape.class, Landscape.SPHERE, "g, whose minus is fitness")
            .appliesTo(TaskKind.LANDSCAPE);
    public static final Option<Integer> DIMENSION = Option.integer("landscape.dimension", 2, "dimension of θ and h")
            .atLeast(1)
            .appliesTo(TaskKind.LANDSCAPE);
    public static final Option<Double> CURVATURE = Option.number("landscape.curvature", 1.0, "k of the pull ½k|θ − h|²")
            .above(0)
            .appliesTo(TaskKind.LANDSCAPE);
    public static final Option<Double> SHARPNESS = Option.number("landscape.sharpness", 1.0, "s of the sphere")
            .above(0)
            .appliesTo(TaskKind.LANDSCAPE);
    public static final Option<double[]> CENTER = Option.numbers("landscape.center", null, "c of the sphere")
            .defaultIs("the origin")
            .appliesTo(TaskKind.LANDSCAPE);

    public static final List<Option<?>> OPTIONS = List.of(FUNCTION, DIMENSION, CURVATURE, SHARPNESS, CENTER);

    public LandscapeTaskSpec {
        DIMENSION.require(dimension);
        InvalidOptionException.require(
                function != Landscape.HIMMELBLAU || dimension == 2,
                "landscape.dimension",
                "Himmelblau's function is two-dimensional, got " + dimension);
        InvalidOptionException.require(
                function.hasClosedForm() || dimension >= 2,
                "landscape.dimension",
                function.name().toLowerCase() + " needs at least 2 dimensions, got " + dimension);
        CURVATURE.require(curvature);
        SHARPNESS.require(sharpness);
        InvalidOptionException.require(
                center.length == dimension,
                "landscape.center",
                "needs " + dimension + " coordinates, got " + center.length);
        center = center.clone();
    }

    @Override
    public Task create(long runSeed) {
        return new LandscapeTask(this);
    }

    @Override
    public boolean hasClosedForm() {
        return function.hasClosedForm();
    }

    @Override
    public String name() {
        return "landscape";
    }

    /** {@code x0 .. x(d-1)}: the point θ is pulled to. */
    @Override
    public List<Hyperparameter> hyperparameters() {
        List<Hyperparameter> knobs = new ArrayList<>();
        for (int i = 0; i < dimension; i++) {
            knobs.add(Hyperparameter.task("x" + i, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        }
        return knobs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LandscapeTaskSpec l
                && function == l.function
                && dimension == l.dimension
                && curvature == l.curvature
                && sharpness == l.sharpness
                && Arrays.equals(center, l.center);
    }

    @Override
    public int hashCode() {
        return function.hashCode() * 31 + dimension;
    }

    @Override
    public String toString() {
        return "landscape " + function.name().toLowerCase() + " d=" + dimension;
    }

    /** Reads the {@code landscape} section: {@code {function, dimension, curvature, sharpness, center}}. */
    public static LandscapeTaskSpec from(OptionSection run) {
        OptionSection l = run.child("landscape");
        Landscape function = l.get(FUNCTION);
        int dimension = l.get(DIMENSION);
        LandscapeTaskSpec spec = new LandscapeTaskSpec(
                function, dimension, l.get(CURVATURE), l.get(SHARPNESS), l.get(CENTER, new double[dimension]));
        l.rejectUnknown();
        return spec;
    }
}
