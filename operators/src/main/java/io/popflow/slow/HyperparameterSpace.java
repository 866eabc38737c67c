package io.popflow.slow;

import io.popflow.config.InvalidOptionException;
import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Which hyperparameters the slow dynamics moves, within which domains, and the fixed values of the
 * others. An agent's h is the vector of the mutable ones, in the order they were declared.
 */
public final class HyperparameterSpace implements Serializable {
    private static final long serialVersionUID = 1L;

    private final UpdateRule rule;
    private final Hyperparameter[] mutable;
    private final Domain[] domains;
    /** A full assignment by ordinal; mutable entries are overwritten by h. */
    private final double[] base;

    /**
     * @param rule the update rule whose hyperparameters these are
     * @param mutations mutable hyperparameters and their domains, in vector order
     * @param fixed values of hyperparameters that do not mutate; unset ones take their default
     */
    public HyperparameterSpace(UpdateRule rule, Map<Hyperparameter, Domain> mutations, Map<Hyperparameter, Double> fixed) {
        this.rule = rule;
        this.mutable = mutations.keySet().toArray(new Hyperparameter[0]);
        this.domains = mutations.values().toArray(new Domain[0]);
        this.base = new double[Hyperparameter.values().length];
        for (Hyperparameter h : Hyperparameter.values()) {
            base[h.ordinal()] = h.defaultValue();
        }
        for (Map.Entry<Hyperparameter, Double> e : fixed.entrySet()) {
            String option = "hyperparameters." + e.getKey().key();
            InvalidOptionException.require(!mutations.containsKey(e.getKey()), option,
                    "is also in hyperparam_mutations; give it in one place");
            requireReadBy(rule, e.getKey(), option);
            String problem = e.getKey().checkValue(e.getValue());
            InvalidOptionException.require(problem == null, option, problem + ", got " + e.getValue());
            base[e.getKey().ordinal()] = e.getValue();
        }
        for (int i = 0; i < mutable.length; i++) {
            validate(rule, mutable[i], domains[i]);
        }
        if (rule == UpdateRule.SGLD && base[Hyperparameter.TEMPERATURE.ordinal()] == 0
                && !mutations.containsKey(Hyperparameter.TEMPERATURE)) {
            throw new InvalidOptionException("hyperparameters.temperature",
                    "optimizer sgld needs a temperature > 0 (fixed or in hyperparam_mutations)");
        }
    }

    private static void validate(UpdateRule rule, Hyperparameter h, Domain domain) {
        String option = "hyperparam_mutations." + h.key();
        requireReadBy(rule, h, option);
        List<Double> extremes = new ArrayList<>();
        if (domain instanceof Domain.Interval interval) {
            extremes.add(interval.min());
            extremes.add(interval.max());
        } else if (domain instanceof Domain.Choice choice) {
            for (int i = 0; i < choice.size(); i++) {
                extremes.add(choice.value(i));
            }
        }
        for (double v : extremes) {
            String problem = h.checkValue(v);
            InvalidOptionException.require(problem == null, option, problem + ", but the domain holds " + v);
        }
        InvalidOptionException.require(!h.isInteger() || domain.isInteger(), option,
                h.key() + " is a whole number; declare its domain with integer: true or whole values");
    }

    private static void requireReadBy(UpdateRule rule, Hyperparameter h, String option) {
        InvalidOptionException.require(rule.reads(h), option,
                "optimizer " + rule.name().toLowerCase(Locale.ROOT) + " does not use " + h.key());
    }

    public UpdateRule rule() {
        return rule;
    }

    /** Number of mutable hyperparameters: the length of h. */
    public int size() {
        return mutable.length;
    }

    public Hyperparameter hyperparameter(int index) {
        return mutable[index];
    }

    public String name(int index) {
        return mutable[index].key();
    }

    public String[] names() {
        String[] names = new String[mutable.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = mutable[i].key();
        }
        return names;
    }

    public Domain domain(int index) {
        return domains[index];
    }

    /** An initial h: each mutable hyperparameter drawn from its domain, in vector order. */
    public double[] sample(RandomGenerator rng) {
        double[] h = new double[mutable.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = domains[i].sample(rng);
        }
        return h;
    }

    public boolean contains(double[] h) {
        if (h.length != mutable.length) {
            return false;
        }
        for (int i = 0; i < h.length; i++) {
            if (!domains[i].contains(h[i])) {
                return false;
            }
        }
        return true;
    }

    /** What the update rule reads for the agent with mutable values {@code h}. */
    public FastHyperparameters resolve(double[] h) {
        double[] full = base.clone();
        for (int i = 0; i < mutable.length; i++) {
            full[mutable[i].ordinal()] = h[i];
        }
        return Hyperparameter.toFast(full);
    }

    /** {@code name=value} pairs of h, for logs and progress lines. */
    public String describe(double[] h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mutable.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(mutable[i].key()).append('=');
            sb.append(domains[i].isInteger() ? String.valueOf((long) h[i]) : String.format(Locale.ROOT, "%.4g", h[i]));
        }
        return sb.toString();
    }
}
