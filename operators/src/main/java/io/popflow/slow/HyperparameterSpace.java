package io.popflow.slow;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.HyperparameterValues;
import io.popflow.fast.UpdateRule;
import io.popflow.option.InvalidOptionException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Which hyperparameters the slow dynamics moves, within which domains, and the fixed values of the
 * others. An agent's h is the vector of the mutable ones, in the order they were declared.
 *
 * <p>The known hyperparameters are the update rule's ({@link Hyperparameter#FAST}) and those the
 * task declares; each is mutable, fixed, or left at its default.
 */
public final class HyperparameterSpace implements Serializable {
    private static final long serialVersionUID = 4L;

    private final UpdateRule rule;
    private final List<Hyperparameter> known;
    private final int taskOffset;
    private final int[] mutable;
    private final Domain[] domains;
    /** Where generation 0 draws each entry from: its domain, unless the run gives initial values. */
    private final Domain[] initialDomains;
    /** A full assignment over {@link #known}; mutable entries are overwritten by h. */
    private final double[] base;
    /** Generation 0 is the grid of {@link #initialDomains} (all choices) instead of random draws. */
    private final boolean grid;

    /**
     * @param rule the update rule
     * @param mutations mutable hyperparameters and their domains, in vector order
     * @param fixed values of hyperparameters that do not mutate; unset ones take their default
     * @param taskHyperparameters the task's own knobs, in the order its objective reads them
     */
    public HyperparameterSpace(
            UpdateRule rule,
            Map<Hyperparameter, Domain> mutations,
            Map<Hyperparameter, Double> fixed,
            List<Hyperparameter> taskHyperparameters) {
        this.rule = rule;
        this.known = new ArrayList<>(Hyperparameter.FAST);
        this.taskOffset = known.size();
        this.known.addAll(taskHyperparameters);
        this.base = new double[known.size()];
        for (int k = 0; k < base.length; k++) {
            base[k] = known.get(k).defaultValue();
        }
        for (Map.Entry<Hyperparameter, Double> e : fixed.entrySet()) {
            String option = "hyperparameters." + e.getKey().key();
            int k = indexOf(e.getKey(), option);
            InvalidOptionException.require(
                    !mutations.containsKey(e.getKey()),
                    option,
                    "is also in hyperparam_mutations; give it in one place");
            requireReadBy(rule, e.getKey(), option);
            String problem = e.getKey().checkValue(e.getValue());
            InvalidOptionException.require(problem == null, option, problem + ", got " + e.getValue());
            base[k] = e.getValue();
        }
        this.mutable = new int[mutations.size()];
        this.domains = mutations.values().toArray(new Domain[0]);
        this.initialDomains = domains.clone();
        this.grid = false;
        int i = 0;
        for (Map.Entry<Hyperparameter, Domain> e : mutations.entrySet()) {
            String option = "hyperparam_mutations." + e.getKey().key();
            mutable[i++] = indexOf(e.getKey(), option);
            validate(rule, e.getKey(), e.getValue(), option);
        }
        if (rule == UpdateRule.SGLD
                && base[Hyperparameter.FAST.indexOf(Hyperparameter.TEMPERATURE)] == 0
                && !mutations.containsKey(Hyperparameter.TEMPERATURE)) {
            throw new InvalidOptionException(
                    "hyperparameters.temperature",
                    "optimizer sgld needs a temperature > 0 (fixed or in hyperparam_mutations)");
        }
    }

    private HyperparameterSpace(HyperparameterSpace s, Domain[] initialDomains, boolean grid) {
        this.rule = s.rule;
        this.known = s.known;
        this.taskOffset = s.taskOffset;
        this.mutable = s.mutable;
        this.domains = s.domains;
        this.base = s.base;
        this.initialDomains = initialDomains;
        this.grid = grid;
    }

    /**
     * This space with generation 0 laid out as a grid: the Cartesian product of every entry's initial
     * values (its {@code initial} list, or a choice's values), the first entry varying slowest.
     */
    public HyperparameterSpace withGrid() {
        for (int i = 0; i < initialDomains.length; i++) {
            InvalidOptionException.require(
                    initialDomains[i] instanceof Domain.Choice,
                    DomainOptions.INITIAL_POPULATION.key(),
                    "grid needs a list of values for every entry: give hyperparam_mutations." + name(i) + ".initial");
        }
        InvalidOptionException.require(
                initialDomains.length > 0, DomainOptions.INITIAL_POPULATION.key(), "grid needs hyperparam_mutations");
        return new HyperparameterSpace(this, initialDomains, true);
    }

    /** Whether generation 0 is a grid. */
    public boolean isGrid() {
        return grid;
    }

    /** Points of the generation-0 grid (1 without a grid). */
    public int gridSize() {
        int size = 1;
        for (Domain d : initialDomains) {
            size = grid ? Math.multiplyExact(size, ((Domain.Choice) d).size()) : size;
        }
        return size;
    }

    /** Point {@code index} of the generation-0 grid (modulo its size). */
    public double[] gridPoint(int index) {
        if (!grid) {
            throw new IllegalStateException("generation 0 is not a grid");
        }
        double[] h = new double[initialDomains.length];
        int rest = Math.floorMod(index, gridSize());
        for (int i = initialDomains.length - 1; i >= 0; i--) {
            Domain.Choice c = (Domain.Choice) initialDomains[i];
            h[i] = c.value(rest % c.size());
            rest /= c.size();
        }
        return h;
    }

    /**
     * This space with generation 0 drawn uniformly from {@code values} for the given entries (the
     * seed authors start batch_size in {32, 64, 128}, then let it move over [32, 128]); every
     * value must lie in the entry's domain.
     */
    public HyperparameterSpace withInitialValues(Map<Hyperparameter, double[]> values) {
        Domain[] initial = initialDomains.clone();
        for (Map.Entry<Hyperparameter, double[]> e : values.entrySet()) {
            int i = -1;
            for (int k = 0; k < mutable.length; k++) {
                if (known.get(mutable[k]).equals(e.getKey())) {
                    i = k;
                }
            }
            String option = "hyperparam_mutations." + e.getKey().key() + ".initial";
            InvalidOptionException.require(i >= 0, option, "names a hyperparameter that does not mutate");
            Domain.Choice choice = new Domain.Choice(e.getValue());
            for (double v : e.getValue()) {
                InvalidOptionException.require(domains[i].contains(v), option, "holds " + v + ", outside the domain");
            }
            initial[i] = choice;
        }
        return new HyperparameterSpace(this, initial, grid);
    }

    /** A space over the update rule's knobs only. */
    public HyperparameterSpace(
            UpdateRule rule, Map<Hyperparameter, Domain> mutations, Map<Hyperparameter, Double> fixed) {
        this(rule, mutations, fixed, List.of());
    }

    private int indexOf(Hyperparameter h, String option) {
        int k = known.indexOf(h);
        InvalidOptionException.require(k >= 0, option, "the task has no hyperparameter " + h.key());
        return k;
    }

    private static void validate(UpdateRule rule, Hyperparameter h, Domain domain, String option) {
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
        InvalidOptionException.require(
                !h.integer() || domain.isInteger(),
                option,
                h.key() + " is a whole number; declare its domain with integer: true or whole values");
    }

    private static void requireReadBy(UpdateRule rule, Hyperparameter h, String option) {
        InvalidOptionException.require(
                !h.fast() || rule.reads(h),
                option,
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
        return known.get(mutable[index]);
    }

    public String name(int index) {
        return hyperparameter(index).key();
    }

    public String[] names() {
        String[] names = new String[mutable.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = name(i);
        }
        return names;
    }

    public Domain domain(int index) {
        return domains[index];
    }

    /** Where generation 0 draws entry {@code index} from: its domain, or the run's initial values. */
    public Domain initialDomain(int index) {
        return initialDomains[index];
    }

    /** An initial h: each mutable hyperparameter drawn from its domain (or its initial values), in vector order. */
    public double[] sample(RandomGenerator rng) {
        double[] h = new double[mutable.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = initialDomains[i].sample(rng);
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

    /** What the agent with mutable values {@code h} runs with. */
    public HyperparameterValues resolve(double[] h) {
        double[] full = base.clone();
        for (int i = 0; i < mutable.length; i++) {
            full[mutable[i]] = h[i];
        }
        FastHyperparameters fast = new FastHyperparameters(full[0], full[1], full[2], full[3], (int) full[4]);
        double[] task = java.util.Arrays.copyOfRange(full, taskOffset, full.length);
        return new HyperparameterValues(fast, task);
    }

    /** {@code name=value} pairs of h, for logs and progress lines. */
    public String describe(double[] h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mutable.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(name(i)).append('=');
            sb.append(domains[i].isInteger() ? String.valueOf((long) h[i]) : String.format(Locale.ROOT, "%.4g", h[i]));
        }
        return sb.toString();
    }

    /**
     * The largest batch size any agent can have: its fixed value, or the top of its domain (a DQN
     * sizes its buffers for it).
     */
    public int largestBatchSize() {
        for (int i = 0; i < size(); i++) {
            if (hyperparameter(i).equals(Hyperparameter.BATCH_SIZE)) {
                if (domain(i) instanceof Domain.Interval interval) {
                    return (int) interval.max();
                }
                Domain.Choice choice = (Domain.Choice) domain(i);
                double max = choice.value(0);
                for (int c = 1; c < choice.size(); c++) {
                    max = Math.max(max, choice.value(c));
                }
                return (int) max;
            }
        }
        return resolve(new double[size()]).fast().batchSize();
    }
}
