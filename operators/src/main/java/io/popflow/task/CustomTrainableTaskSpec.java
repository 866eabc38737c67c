package io.popflow.task;

import io.popflow.api.Trainable;
import io.popflow.math.SplitMix64;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import io.popflow.usercode.UserClasses;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * {@code task: custom_trainable}: a user's {@link Trainable} (from a jar given with {@code --jar}), a
 * learner with its own state that popflow steps, ranks, copies and mutates. Serializable as its
 * class's name and options: each agent makes its own instance.
 *
 * @param className the class implementing {@link Trainable}
 * @param options {@code custom.options}, handed to the class's {@code configure}
 */
public record CustomTrainableTaskSpec(String className, LinkedHashMap<String, Object> options) implements TaskSpec {
    public static final Option<String> CLASS = Option.text(
                    "trainable.class",
                    null,
                    "custom_trainable: the class implementing io.popflow.api.Trainable, in a jar given with --jar")
            .defaultIs("none: must be set")
            .appliesTo(TaskKind.CUSTOM_TRAINABLE);

    public CustomTrainableTaskSpec {
        options = new LinkedHashMap<>(options);
    }

    /**
     * Reads {@code trainable.class} and {@code custom.options}, and tries the class now, so that one
     * that cannot run is refused before a job starts: an instance is made, configured, initialized
     * (on a stream of its own), saved and restored into a second instance, which must save the same
     * bytes and report a finite fitness.
     */
    public static CustomTrainableTaskSpec from(OptionSection run) {
        OptionSection t = run.child("trainable");
        String className = t.get(CLASS);
        InvalidOptionException.require(
                className != null && !className.isBlank(),
                CLASS.key(),
                "must name the class implementing " + Trainable.class.getName());
        t.rejectUnknown();
        CustomTrainableTaskSpec spec = new CustomTrainableTaskSpec(className, UserClasses.options(run));
        spec.check();
        return spec;
    }

    private void check() {
        Trainable first = instance();
        Trainable second = instance();
        String where = "class " + className + "'s ";
        try {
            first.initialize(new SplitMix64(0));
            byte[] saved = first.save();
            InvalidOptionException.require(saved != null, CLASS.key(), where + "save() returned null");
            second.restore(saved.clone());
            InvalidOptionException.require(
                    Arrays.equals(second.save(), saved),
                    CLASS.key(),
                    where + "restore(save()) does not give back the state save() wrote: checkpoints would lose it");
            double fitness = second.fitness();
            InvalidOptionException.require(
                    Double.isFinite(fitness),
                    CLASS.key(),
                    where + "fitness() is " + fitness + " after initialize(): it must be a finite number");
        } catch (RuntimeException e) {
            if (e instanceof InvalidOptionException) {
                throw e;
            }
            throw new InvalidOptionException(
                    CLASS.key(),
                    where + "first initialize, save, restore and fitness threw "
                            + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A new, configured instance of the class. */
    public Trainable instance() {
        return UserClasses.configured(className, Trainable.class, CLASS.key(), options, Trainable::configure);
    }

    @Override
    public String name() {
        return TaskKind.CUSTOM_TRAINABLE.label();
    }

    /** A user's trainable has no closed-form effective fitness. */
    @Override
    public boolean hasClosedForm() {
        return false;
    }
}
