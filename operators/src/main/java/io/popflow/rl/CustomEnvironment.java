package io.popflow.rl;

import io.popflow.api.Environment;
import io.popflow.math.SplitMix64;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import io.popflow.usercode.UserClasses;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * {@code task: custom_env}: a user's {@link Environment} (from a jar given with {@code --jar}), cut
 * at popflow's step limit if its own episodes run longer. Serializable as its class's name, options
 * and limit: each agent makes its own instance with the class's no-argument constructor.
 *
 * @param className the class implementing {@link Environment}
 * @param options {@code custom.options}, handed to the class's {@code configure}
 * @param maxSteps the step at which popflow truncates an episode the environment has not ended
 */
public record CustomEnvironment(String className, LinkedHashMap<String, Object> options, int maxSteps)
        implements EnvironmentSpec {
    public static final Option<String> CLASS = Option.text(
                    "environment.class",
                    null,
                    "custom_env: the class implementing io.popflow.api.Environment, in a jar given with --jar")
            .defaultIs("none: must be set")
            .appliesTo(TaskKind.CUSTOM_ENV);

    /** The name a run's outputs give the task. */
    public static final String NAME = TaskKind.CUSTOM_ENV.label();

    public CustomEnvironment {
        options = new LinkedHashMap<>(options);
        ClassicControl.MAX_STEPS.require(maxSteps);
    }

    /**
     * The environment of {@code className}, checked now so that a class that cannot run is refused
     * before a job starts: it is made and configured, and one episode is started and stepped once
     * (on a stream of its own) to see that observations have the size the class says.
     */
    public static CustomEnvironment checked(String className, LinkedHashMap<String, Object> options, int maxSteps) {
        InvalidOptionException.require(
                className != null && !className.isBlank(),
                CLASS.key(),
                "must name the class implementing " + Environment.class.getName());
        CustomEnvironment spec = new CustomEnvironment(className, options, maxSteps);
        Environment probe = spec.userInstance();
        int size = probe.observationSize();
        String where = "class " + className + "'s ";
        InvalidOptionException.require(size >= 1, CLASS.key(), where + "observationSize() must be >= 1, got " + size);
        InvalidOptionException.require(
                probe.actions() >= 2, CLASS.key(), where + "actions() must be >= 2, got " + probe.actions());
        try {
            checkObservation(probe.reset(new SplitMix64(0)), size, where + "reset", className);
            checkObservation(probe.step(0).observation(), size, where + "step", className);
        } catch (RuntimeException e) {
            if (e instanceof InvalidOptionException) {
                throw e;
            }
            throw new InvalidOptionException(
                    CLASS.key(), where + "first episode threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return spec;
    }

    private static void checkObservation(double[] o, int size, String what, String className) {
        InvalidOptionException.require(
                o != null && o.length == size,
                CLASS.key(),
                what + " returned " + (o == null ? "no observation" : o.length + " values")
                        + ", but observationSize() is " + size);
        InvalidOptionException.require(
                Arrays.stream(o).allMatch(Double::isFinite),
                CLASS.key(),
                what + " returned a value that is not finite");
    }

    private Environment userInstance() {
        return UserClasses.configured(className, Environment.class, CLASS.key(), options, Environment::configure);
    }

    @Override
    public Environment create() {
        return new StepLimit(userInstance(), maxSteps);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String episodes() {
        return "a user's environment, " + className + "; episodes end as it says, cut at " + maxSteps()
                + " steps at most";
    }

    /** A user's rewards have no bound popflow knows: the max rule never applies. */
    @Override
    public double maxReturn() {
        return Double.NaN;
    }
}
