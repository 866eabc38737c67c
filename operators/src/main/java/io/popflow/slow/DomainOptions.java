package io.popflow.slow;

import io.popflow.option.Option;
import java.util.List;

/**
 * The options of one mutable hyperparameter, {@code hyperparam_mutations.<name>}: an interval
 * {@code {min, max, scale, integer}}, or {@code values} (also written as a bare list), and optional
 * generation-0 values.
 */
public final class DomainOptions {
    public static final String SECTION = "hyperparam_mutations.<name>";

    public static final Option<Double> MIN =
            Option.number(SECTION + ".min", null, "lower end of an interval").defaultIs("none: min and max, or values");
    public static final Option<Double> MAX =
            Option.number(SECTION + ".max", null, "upper end of an interval").defaultIs("none: min and max, or values");
    public static final Option<Domain.Scale> SCALE = Option.choice(
            SECTION + ".scale",
            Domain.Scale.class,
            Domain.Scale.LINEAR,
            "an interval's scale: sampled uniformly in the value or in its logarithm");
    public static final Option<Boolean> INTEGER = Option.flag(
                    SECTION + ".integer",
                    null,
                    "an interval of whole numbers, each drawn equally often (log: by log-width)")
            .defaultIs("the hyperparameter's own (batch_size is whole)");
    public static final Option<double[]> VALUES = Option.numbers(SECTION + ".values", null, "the values to choose from")
            .defaultIs("none");
    public static final Option<double[]> INITIAL = Option.numbers(
                    SECTION + ".initial",
                    null,
                    "generation 0 draws from these values instead of the domain (each within it)")
            .defaultIs("the domain");

    /** How generation 0 is drawn: at random from each entry's domain or initial values, or as their grid. */
    public enum Start {
        RANDOM,
        GRID
    }

    public static final Option<Start> INITIAL_POPULATION = Option.choice(
            "initial_population",
            Start.class,
            Start.RANDOM,
            "generation 0's h: drawn at random, or the grid of every entry's initial values (a choice's values), "
                    + "agent i taking point i mod the grid's size (Ray's grid_search)");

    public static final List<Option<?>> OPTIONS =
            List.of(MIN, MAX, SCALE, INTEGER, VALUES, INITIAL, INITIAL_POPULATION);

    private DomainOptions() {}
}
