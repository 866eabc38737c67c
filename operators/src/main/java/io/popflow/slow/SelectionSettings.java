package io.popflow.slow;

import io.popflow.es.StrategySettings;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.option.Variant;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Which selection rule runs and its parameters.
 *
 * @param rule the rule
 * @param quantileFraction truncation: share of the population in each quantile
 * @param strength α of Boltzmann and Moran selection: weights ∝ exp(α F)
 * @param moranEvents Moran: birth-death events per generation
 */
public record SelectionSettings(Rule rule, double quantileFraction, double strength, int moranEvents, long burnIn)
        implements Serializable {

    /** The selection rules. */
    public enum Rule implements Variant {
        TRUNCATION,
        BOLTZMANN,
        MORAN,
        TOURNAMENT,
        NONE;

        @Override
        public String family() {
            return "selection";
        }
    }

    public static final Option<Rule> RULE = Option.choice(
                    "selection.rule", Rule.class, Rule.TRUNCATION, "who copies whom (also written selection: <rule>)")
            .appliesTo(StrategySettings.Kind.NONE);
    public static final Option<Double> QUANTILE_FRACTION = Option.number(
                    "quantile_fraction",
                    0.25,
                    "truncation: each of the top and bottom quantiles holds ceil(n q) agents, at most n/2")
            .check(q -> q > 0 && q <= 0.5, "must be in (0, 0.5]")
            .appliesTo(Rule.TRUNCATION, StrategySettings.Kind.NONE);
    public static final Option<Double> STRENGTH = Option.number(
                    "selection.strength", 1.0, "boltzmann and moran: α of the weights ∝ exp(α F)")
            .check(a -> a >= 0 && Double.isFinite(a), "must be finite and >= 0")
            .appliesTo(Rule.BOLTZMANN, Rule.MORAN, StrategySettings.Kind.NONE);
    public static final Option<Integer> EVENTS = Option.integer(
                    "selection.events", null, "moran: birth-death events per generation")
            .defaultIs("population")
            .atLeast(1)
            .appliesTo(Rule.MORAN, StrategySettings.Kind.NONE);

    public static final Option<Long> BURN_IN = Option.wholeNumber(
                    "burn_in",
                    0L,
                    "no agent exploits or explores before it has taken this many fast steps (Ray's burn_in_period)")
            .atLeast(0)
            .appliesTo(StrategySettings.Kind.NONE);

    public static final List<Option<?>> OPTIONS = List.of(RULE, QUANTILE_FRACTION, STRENGTH, EVENTS, BURN_IN);

    public SelectionSettings {
        QUANTILE_FRACTION.require(quantileFraction);
        STRENGTH.require(strength);
        EVENTS.require(moranEvents);
        BURN_IN.require(burnIn);
    }

    /** Without a burn-in. */
    public SelectionSettings(Rule rule, double quantileFraction, double strength, int moranEvents) {
        this(rule, quantileFraction, strength, moranEvents, 0);
    }

    /** Ray Tune's PBT: truncation with the given quantile fraction. */
    public static SelectionSettings truncation(double quantileFraction) {
        return new SelectionSettings(Rule.TRUNCATION, quantileFraction, 1, 1);
    }

    public SelectionRule build() {
        return switch (rule) {
            case TRUNCATION -> new TruncationSelection(quantileFraction);
            case BOLTZMANN -> new BoltzmannSelection(strength);
            case MORAN -> new MoranSelection(strength, moranEvents);
            case TOURNAMENT -> new TournamentSelection();
            case NONE -> new NoSelection();
        };
    }

    @Override
    public String toString() {
        return build().toString().toLowerCase(Locale.ROOT)
                + (burnIn > 0 ? " after a burn-in of " + burnIn + " steps" : "");
    }

    /**
     * Reads {@code selection: boltzmann} or {@code selection: {rule: boltzmann, strength: 2}} from
     * the run's options; truncation reads {@code quantile_fraction}. {@code defaultEvents}: Moran's
     * events when not set, the population.
     */
    public static SelectionSettings from(OptionSection run, int defaultEvents) {
        OptionSection s = run.kindOrMapping("selection", RULE.leaf());
        SelectionSettings settings = new SelectionSettings(
                s.get(RULE),
                run.get(QUANTILE_FRACTION),
                s.get(STRENGTH),
                s.get(EVENTS, defaultEvents),
                run.get(BURN_IN));
        s.rejectUnknown();
        return settings;
    }
}
