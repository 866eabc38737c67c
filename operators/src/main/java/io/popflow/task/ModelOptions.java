package io.popflow.task;

import io.popflow.model.Activation;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import java.util.Arrays;
import java.util.List;

/** The MLP options of the supervised tasks (digits, stream). */
public final class ModelOptions {
    public static final Option<int[]> HIDDEN = Option.integers("model.hidden", new int[] {64}, "hidden layer sizes")
            .check(h -> Arrays.stream(h).allMatch(n -> n > 0), "layer sizes must be > 0")
            .appliesTo(TaskKind.SUPERVISED);
    public static final Option<Activation> ACTIVATION = Option.choice(
                    "model.activation", Activation.class, Activation.RELU, "hidden nonlinearity")
            .appliesTo(TaskKind.SUPERVISED);

    public static final List<Option<?>> OPTIONS = List.of(HIDDEN, ACTIVATION);

    private ModelOptions() {}
}
