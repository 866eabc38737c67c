package io.popflow.taskkind;

import io.popflow.option.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The tasks a run can learn, as the {@code task} option names them; task options say which they apply to. */
public enum TaskKind implements Variant {
    DIGITS,
    TABLE,
    STREAM,
    QUADRATIC,
    LANDSCAPE,
    PBT_TOY,
    CARTPOLE,
    MOUNTAIN_CAR,
    /** A user's {@code io.popflow.api.Objective}: a parameter vector and its fitness, from {@code --jar}. */
    CUSTOM_OBJECTIVE,
    /** A user's {@code io.popflow.api.Environment}, learned by popflow's DQN agents. */
    CUSTOM_ENV,
    /** A user's {@code io.popflow.api.Trainable}: a learner with its own state. */
    CUSTOM_TRAINABLE;

    /** The tasks that train an MLP on examples, and read the {@code model} section. */
    public static final TaskKind[] SUPERVISED = {DIGITS, TABLE, STREAM};
    /** The reinforcement-learning tasks: a DQN agent in an environment. */
    public static final TaskKind[] CONTROL = {CARTPOLE, MOUNTAIN_CAR, CUSTOM_ENV};
    /** The tasks made of a user's class, from a jar given with {@code --jar}. */
    public static final TaskKind[] CUSTOM = {CUSTOM_OBJECTIVE, CUSTOM_ENV, CUSTOM_TRAINABLE};

    @Override
    public String family() {
        return "task";
    }

    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isControl() {
        return Arrays.asList(CONTROL).contains(this);
    }

    /** The task written {@code name} ({@code custom_objective} as {@code custom-objective}), or null if there is none. */
    public static TaskKind named(String name) {
        String label = name == null ? null : name.replace('_', '-');
        return Arrays.stream(values())
                .filter(k -> k.label().equals(label))
                .findFirst()
                .orElse(null);
    }

    /** Every task's name, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(TaskKind::label).toList();
    }
}
