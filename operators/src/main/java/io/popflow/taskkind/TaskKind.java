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
    CUSTOM_OBJECTIVE;

    /** The tasks that train an MLP on examples, and read the {@code model} section. */
    public static final TaskKind[] SUPERVISED = {DIGITS, TABLE, STREAM};
    /** The reinforcement-learning tasks: a DQN agent in a classic-control environment. */
    public static final TaskKind[] CONTROL = {CARTPOLE, MOUNTAIN_CAR};

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
