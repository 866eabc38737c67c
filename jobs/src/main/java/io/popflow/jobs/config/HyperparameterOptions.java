package io.popflow.jobs.config;

import io.popflow.fast.Hyperparameter;
import io.popflow.option.InvalidOptionException;
import io.popflow.slow.Domain;
import io.popflow.slow.DomainOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code hyperparam_mutations} (the h the slow time scale moves, each with its domain) and
 * {@code hyperparameters} (fixed values): sections whose keys are the hyperparameters' names, so
 * they are read key by key against the run's known hyperparameters rather than by declaration.
 */
final class HyperparameterOptions {
    private HyperparameterOptions() {}

    /**
     * The mutable hyperparameters' domains; {@code initial} receives the generation-0 values given
     * with {@code initial: [...]}. Under an evolution strategy the run moves weights, not h, and there
     * must be no mutations.
     */
    static Map<Hyperparameter, Domain> mutations(
            OptionTree m,
            List<Hyperparameter> known,
            Map<Hyperparameter, double[]> initial,
            boolean evolutionStrategy) {
        if (evolutionStrategy) {
            InvalidOptionException.require(
                    m.keys().isEmpty(),
                    "hyperparam_mutations",
                    "an evolution strategy moves the "
                            + "weights and every member keeps one h: give it under hyperparameters (over a preset, "
                            + "--set hyperparam_mutations=null)");
            return Map.of();
        }
        Map<Hyperparameter, Domain> domains = new LinkedHashMap<>();
        for (String key : m.keys()) {
            Hyperparameter h = hyperparameter(m, key, known);
            domains.put(h, domain(m, key, h));
            if (!m.isList(key) && m.child(key).has(DomainOptions.INITIAL)) {
                initial.put(h, m.child(key).getLeaf(DomainOptions.INITIAL, null));
            }
        }
        InvalidOptionException.require(
                !domains.isEmpty(), "hyperparam_mutations", "must list at least one hyperparameter");
        return domains;
    }

    private static Domain domain(OptionTree m, String key, Hyperparameter h) {
        String option = m.pathOf(key);
        if (!m.has(key)) {
            throw new InvalidOptionException(option, "needs {min, max} or a list of values");
        }
        try {
            if (m.isList(key)) {
                return new Domain.Choice(m.getDoubles(key, null));
            }
            OptionTree d = m.child(key);
            d.getLeaf(DomainOptions.INITIAL, null); // checked here, kept by mutations()
            Domain domain;
            if (d.has(DomainOptions.VALUES)) {
                domain = new Domain.Choice(d.getLeaf(DomainOptions.VALUES, null));
            } else {
                InvalidOptionException.require(
                        d.has(DomainOptions.MIN) && d.has(DomainOptions.MAX), option, "needs min and max, or values");
                domain = new Domain.Interval(
                        d.getLeaf(DomainOptions.MIN, null),
                        d.getLeaf(DomainOptions.MAX, null),
                        d.getLeaf(DomainOptions.SCALE, DomainOptions.SCALE.fallback()),
                        d.getLeaf(DomainOptions.INTEGER, h.integer()));
            }
            d.rejectUnknown();
            return domain;
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidOptionException) {
                throw e;
            }
            throw new InvalidOptionException(option, e.getMessage());
        }
    }

    /** {@code hyperparameters: {lr: 0.01, ...}}: the fixed values. */
    static Map<Hyperparameter, Double> fixed(OptionTree f, List<Hyperparameter> known) {
        Map<Hyperparameter, Double> values = new LinkedHashMap<>();
        for (String key : f.keys()) {
            values.put(hyperparameter(f, key, known), f.getDouble(key, Double.NaN));
        }
        return values;
    }

    private static Hyperparameter hyperparameter(OptionTree tree, String key, List<Hyperparameter> known) {
        return known.stream()
                .filter(h -> h.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new InvalidOptionException(
                        tree.pathOf(key),
                        "unknown hyperparameter (known: "
                                + String.join(
                                        ", ",
                                        known.stream().map(Hyperparameter::key).toList()) + ")"));
    }
}
