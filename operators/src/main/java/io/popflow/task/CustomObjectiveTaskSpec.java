package io.popflow.task;

import io.popflow.api.Objective;
import io.popflow.math.SplitMix64;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import io.popflow.usercode.UserClasses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code task: custom_objective}: a user's {@link Objective} (from a jar given with {@code --jar}),
 * a parameter vector and its fitness, trained by the gradient learners or searched by an evolution
 * strategy. Serializable as its class's name and options: each agent makes its own instance.
 *
 * @param className the class implementing {@link Objective}
 * @param options {@code custom.options}, as the configuration gives them
 * @param dimension the objective's parameter count, read from an instance when the run is configured
 */
public record CustomObjectiveTaskSpec(String className, LinkedHashMap<String, Object> options, int dimension)
        implements GradientTaskSpec {
    public static final Option<String> CLASS = Option.text(
                    "objective.class",
                    null,
                    "custom_objective: the class implementing io.popflow.api.Objective, in a jar given with --jar")
            .defaultIs("none: must be set")
            .appliesTo(TaskKind.CUSTOM_OBJECTIVE);

    public static final List<Option<?>> OPTIONS = List.of(CLASS);

    public CustomObjectiveTaskSpec {
        options = new LinkedHashMap<>(options);
    }

    /**
     * Reads {@code objective.class} and {@code custom.options}, and tries the class now, so that one
     * that cannot run is refused before a job starts: an instance is made and configured, and its
     * initial vector (drawn on a stream of its own) must have its dimension and a finite fitness.
     */
    public static CustomObjectiveTaskSpec from(OptionSection run) {
        OptionSection o = run.child("objective");
        String className = o.get(CLASS);
        InvalidOptionException.require(
                className != null && !className.isBlank(),
                CLASS.key(),
                "must name the class implementing " + Objective.class.getName());
        o.rejectUnknown();
        LinkedHashMap<String, Object> options = UserClasses.options(run);
        Objective objective = instance(className, options);
        int dimension = objective.dimension();
        InvalidOptionException.require(
                dimension >= 1, CLASS.key(), "class " + className + "'s dimension() must be >= 1, got " + dimension);
        checkInitial(objective, className, dimension);
        return new CustomObjectiveTaskSpec(className, options, dimension);
    }

    private static void checkInitial(Objective objective, String className, int dimension) {
        String where = "class " + className + "'s ";
        double[] initial;
        double fitness;
        try {
            initial = objective.initial(new SplitMix64(0));
            fitness = initial != null && initial.length == dimension
                    ? objective.fitness(initial, CustomObjectiveTask.NONE)
                    : Double.NaN;
        } catch (RuntimeException e) {
            throw new InvalidOptionException(
                    CLASS.key(),
                    where + "first initial and fitness threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        InvalidOptionException.require(
                initial != null && initial.length == dimension,
                CLASS.key(),
                where + "initial() returned " + (initial == null ? "null" : initial.length + " values")
                        + ", but dimension() is " + dimension);
        InvalidOptionException.require(
                Double.isFinite(fitness),
                CLASS.key(),
                where + "fitness() is " + fitness + " at initial(): it must be a finite number");
    }

    /** A new, configured instance of the class. */
    static Objective instance(String className, Map<String, Object> options) {
        return UserClasses.configured(className, Objective.class, CLASS.key(), options, Objective::configure);
    }

    /** Whether the class climbs by its gradient: the gradient learners need it. */
    public boolean hasGradient() {
        return instance(className, options).hasGradient();
    }

    @Override
    public Task create(long runSeed) {
        return new CustomObjectiveTask(instance(className, options));
    }

    @Override
    public String name() {
        return "custom-objective";
    }

    /** A user's objective has no closed-form effective fitness. */
    @Override
    public boolean hasClosedForm() {
        return false;
    }
}
