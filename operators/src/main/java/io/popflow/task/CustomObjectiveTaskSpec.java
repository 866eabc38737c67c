package io.popflow.task;

import io.popflow.api.Objective;
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
     * Reads {@code objective.class} and {@code custom.options}, and makes one instance now, so that a
     * class that cannot run is refused before a job starts.
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
        return new CustomObjectiveTaskSpec(className, options, dimension);
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
