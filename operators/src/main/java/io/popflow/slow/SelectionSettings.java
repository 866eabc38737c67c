package io.popflow.slow;

import io.popflow.config.InvalidOptionException;
import java.io.Serializable;
import java.util.Locale;

/**
 * Which selection rule runs and its parameters.
 *
 * @param rule the rule
 * @param quantileFraction truncation: share of the population in each quantile
 * @param strength α of Boltzmann and Moran selection: weights ∝ exp(α F)
 * @param moranEvents Moran: birth-death events per generation
 */
public record SelectionSettings(Rule rule, double quantileFraction, double strength, int moranEvents) implements Serializable {

    /** The selection rules. */
    public enum Rule {
        TRUNCATION,
        BOLTZMANN,
        MORAN,
        TOURNAMENT,
        NONE
    }

    public SelectionSettings {
        InvalidOptionException.require(quantileFraction > 0 && quantileFraction <= 0.5, "quantile_fraction",
                "must be in (0, 0.5], got " + quantileFraction);
        InvalidOptionException.require(strength >= 0 && Double.isFinite(strength), "selection.strength",
                "must be finite and >= 0, got " + strength);
        InvalidOptionException.require(moranEvents >= 1, "selection.events", "must be >= 1, got " + moranEvents);
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
        return build().toString().toLowerCase(Locale.ROOT);
    }
}
