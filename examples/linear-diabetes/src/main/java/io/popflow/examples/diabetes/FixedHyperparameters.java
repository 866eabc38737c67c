package io.popflow.examples.diabetes;

import io.popflow.api.Hyperparameters;
import java.util.List;

/** An h that does not move, for training without popflow: {@code lr} and {@code weight_decay}. */
final class FixedHyperparameters implements Hyperparameters {
    private static final List<String> NAMES = List.of("lr", "weight_decay");

    private final double lr;
    private final double weightDecay;

    FixedHyperparameters(double lr, double weightDecay) {
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public double get(String name) {
        return switch (name) {
            case "lr" -> lr;
            case "weight_decay" -> weightDecay;
            default -> throw new IllegalArgumentException("no hyperparameter " + name + " (this h has " + NAMES + ")");
        };
    }
}
