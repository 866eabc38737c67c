package io.popflow.es;

import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.option.Variant;
import io.popflow.taskkind.TaskKind;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code strategy} section: which evolution strategy moves the weights' search distribution,
 * and its constants. The run's {@code population} is the strategy's population (members are
 * agents); {@code inner_steps} gradient (or DQN) steps from each member's perturbed weights come
 * before its evaluation. Baldwinian inheritance moves the distribution by the members' starting
 * points, which every agent rebuilds from the generation's seed; Lamarckian also moves the mean by
 * the members' mean training displacement ({@link EvolutionStrategy#tellSolutions}), so the trained
 * weights travel to the slow operator with the reports, and the new distribution's state back to
 * every subtask (O(d), or O(d²) for CMA-ES, per subtask and generation).
 *
 * <p>Defaults follow each strategy's paper: OpenAI-ES (Salimans et al. 2017) σ = 0.02, Adam with
 * η = 0.01, mirrored sampling and centered ranks; SNES (Schaul et al. 2011), sep-CMA-ES (Ros &amp;
 * Hansen 2008) and CMA-ES (Hansen 2016) adapt their own learning rates, and start at σ = 0.1.
 */
public record StrategySettings(
        Kind kind,
        double sigma,
        double sigmaDecay,
        double sigmaMin,
        double lr,
        OpenAiEs.MeanOptimizer optimizer,
        double momentum,
        double weightDecay,
        boolean antithetic,
        FitnessShaping shaping,
        boolean active,
        int innerSteps,
        Inheritance inheritance,
        double initialMean,
        int episodes)
        implements Serializable {

    /** The strategies; NONE is selection and mutation of hyperparameters (PBT and its kin). */
    public enum Kind implements Variant {
        NONE,
        OPENAI_ES,
        SNES,
        SEP_CMA_ES,
        CMA_ES;

        /** Every strategy, that is every kind but NONE. */
        public static final Kind[] ANY = {OPENAI_ES, SNES, SEP_CMA_ES, CMA_ES};

        @Override
        public String family() {
            return "strategy";
        }
    }

    /** What the distribution learns from when members take inner steps. */
    public enum Inheritance {
        /** The members' starting points, rebuilt from the seed: the feedback edge carries O(N). */
        BALDWINIAN,
        /** Also the trained members: the mean moves by their mean training displacement. */
        LAMARCKIAN
    }

    public static final Option<Kind> NAME = Option.choice(
            "strategy.name",
            Kind.class,
            Kind.NONE,
            "an evolution strategy over the weights instead of selection and mutation of h");
    public static final Option<Double> SIGMA = Option.number("strategy.sigma", null, "initial step size σ₀")
            .defaultIs(defaultSigmaText())
            .above(0)
            .appliesTo(Kind.ANY);
    public static final Option<Double> SIGMA_DECAY = Option.number(
                    "strategy.sigma_decay", 1.0, "openai_es: σ ← max(σ_min, σ · decay) each generation")
            .check(d -> d > 0 && d <= 1, "must be in (0, 1]")
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<Double> SIGMA_MIN = Option.number(
                    "strategy.sigma_min", 0.0, "openai_es: the floor of a decaying σ")
            .atLeast(0)
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<Double> LR = Option.number(
                    "strategy.lr", 0.01, "openai_es: learning rate of the mean's optimizer")
            .above(0)
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<OpenAiEs.MeanOptimizer> OPTIMIZER = Option.choice(
                    "strategy.optimizer",
                    OpenAiEs.MeanOptimizer.class,
                    OpenAiEs.MeanOptimizer.ADAM,
                    "openai_es: how the mean follows the estimate")
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<Double> MOMENTUM = Option.number(
                    "strategy.momentum", 0.9, "openai_es with sgd: the momentum β")
            .check(m -> m >= 0 && m < 1, "must be in [0, 1)")
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<Double> WEIGHT_DECAY = Option.number(
                    "strategy.weight_decay",
                    0.0,
                    "openai_es: weight decay of the mean (decoupled with adam, L2 with sgd)")
            .atLeast(0)
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<Boolean> ANTITHETIC = Option.flag(
                    "strategy.antithetic", true, "openai_es: mirrored pairs +ε, −ε (needs an even population)")
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<FitnessShaping> SHAPING = Option.choice(
                    "strategy.shaping",
                    FitnessShaping.class,
                    FitnessShaping.CENTERED_RANKS,
                    "openai_es: fitness shaping before the gradient estimate")
            .appliesTo(Kind.OPENAI_ES);
    public static final Option<Boolean> ACTIVE = Option.flag(
                    "strategy.active",
                    true,
                    "cma_es: active covariance adaptation (negative weights for the worse half), as pycma")
            .appliesTo(Kind.CMA_ES);
    public static final Option<Integer> INNER_STEPS = Option.integer(
                    "strategy.inner_steps",
                    0,
                    "gradient or DQN steps each member takes from its perturbed weights before it is evaluated")
            .atLeast(0)
            .appliesTo(Kind.ANY);
    public static final Option<Inheritance> INHERITANCE = Option.choice(
                    "strategy.inheritance",
                    Inheritance.class,
                    Inheritance.BALDWINIAN,
                    "with inner steps: the distribution moves by the members' starting points "
                            + "(baldwinian), and the mean also by their mean training displacement (lamarckian)")
            .appliesTo(Kind.ANY);
    public static final Option<Double> INITIAL_MEAN = Option.number(
                    "strategy.initial_mean", null, "every coordinate of the initial mean")
            .defaultIs("the task's weight initialization, drawn from the run's seed")
            .appliesTo(Kind.ANY);
    public static final Option<Integer> EPISODES = Option.integer(
                    "strategy.episodes", 1, "cartpole, mountain-car: greedy episodes that evaluate a member")
            .atLeast(1)
            .appliesTo(Kind.ANY)
            .appliesTo(TaskKind.CONTROL);

    public static final List<Option<?>> OPTIONS = List.of(
            NAME,
            SIGMA,
            SIGMA_DECAY,
            SIGMA_MIN,
            LR,
            OPTIMIZER,
            MOMENTUM,
            WEIGHT_DECAY,
            ANTITHETIC,
            SHAPING,
            ACTIVE,
            INNER_STEPS,
            INHERITANCE,
            INITIAL_MEAN,
            EPISODES);

    public StrategySettings {
        SIGMA.require(sigma);
        SIGMA_DECAY.require(sigmaDecay);
        SIGMA_MIN.require(sigmaMin);
        LR.require(lr);
        MOMENTUM.require(momentum);
        WEIGHT_DECAY.require(weightDecay);
        INNER_STEPS.require(innerSteps);
        EPISODES.require(episodes);
    }

    /** No strategy: the population evolves by selection and mutation. */
    public static StrategySettings none() {
        return of(Kind.NONE);
    }

    /** {@code kind} with every default. */
    public static StrategySettings of(Kind kind) {
        return new StrategySettings(
                kind,
                defaultSigma(kind),
                SIGMA_DECAY.fallback(),
                SIGMA_MIN.fallback(),
                LR.fallback(),
                OPTIMIZER.fallback(),
                MOMENTUM.fallback(),
                WEIGHT_DECAY.fallback(),
                ANTITHETIC.fallback(),
                SHAPING.fallback(),
                ACTIVE.fallback(),
                INNER_STEPS.fallback(),
                INHERITANCE.fallback(),
                Double.NaN,
                EPISODES.fallback());
    }

    /** These settings starting at {@code sigma0}, all coordinates of the mean at {@code mean0} (NaN: the task's). */
    public StrategySettings startingAt(double mean0, double sigma0) {
        return new StrategySettings(
                kind,
                sigma0,
                sigmaDecay,
                sigmaMin,
                lr,
                optimizer,
                momentum,
                weightDecay,
                antithetic,
                shaping,
                active,
                innerSteps,
                inheritance,
                mean0,
                episodes);
    }

    /** These settings with {@code steps} inner steps per member and {@code how} the distribution learns from them. */
    public StrategySettings withInnerSteps(int steps, Inheritance how) {
        return new StrategySettings(
                kind,
                sigma,
                sigmaDecay,
                sigmaMin,
                lr,
                optimizer,
                momentum,
                weightDecay,
                antithetic,
                shaping,
                active,
                steps,
                how,
                initialMean,
                episodes);
    }

    public boolean isLamarckian() {
        return isOn() && innerSteps > 0 && inheritance == Inheritance.LAMARCKIAN;
    }

    public static double defaultSigma(Kind kind) {
        return kind == Kind.OPENAI_ES ? 0.02 : 0.1;
    }

    /** {@link #defaultSigma} for the catalog, from the code: "0.02 for openai_es, 0.1 for the others". */
    private static String defaultSigmaText() {
        return defaultSigma(Kind.OPENAI_ES) + " for openai_es, " + defaultSigma(Kind.SNES) + " for the others";
    }

    public boolean isOn() {
        return kind != Kind.NONE;
    }

    /** Whether the initial mean is a constant ({@link #initialMean}) rather than the task's initialization. */
    public boolean hasInitialMean() {
        return !Double.isNaN(initialMean);
    }

    /** Checks what depends on the population; names the option at fault. */
    public void requireFits(int population) {
        InvalidOptionException.require(
                kind != Kind.OPENAI_ES || !antithetic || population % 2 == 0,
                "population",
                "openai_es with antithetic sampling needs an even population, got " + population);
    }

    /** The strategy, with its initial mean {@code mean0} and {@code population} members. */
    public EvolutionStrategy build(double[] mean0, int population) {
        requireFits(population);
        return switch (kind) {
            case OPENAI_ES -> {
                float[] m = new float[mean0.length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = (float) mean0[i];
                }
                yield new OpenAiEs(
                        m,
                        population,
                        sigma,
                        sigmaDecay,
                        sigmaMin,
                        lr,
                        weightDecay,
                        antithetic,
                        shaping,
                        optimizer,
                        momentum);
            }
            case SNES -> new Snes(mean0, sigma, population);
            case SEP_CMA_ES -> new SepCmaEs(mean0, sigma, population);
            case CMA_ES -> new CmaEs(mean0, sigma, population, active);
            case NONE -> throw new IllegalStateException("no strategy to build");
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase()
                + (isOn()
                        ? " sigma=" + sigma
                                + (innerSteps > 0
                                        ? " inner_steps=" + innerSteps + " "
                                                + inheritance.name().toLowerCase()
                                        : "")
                        : "");
    }

    /** Reads {@code strategy: {name: openai_es, sigma: 0.02, ...}} from the run's options; absent, no strategy. */
    public static StrategySettings from(OptionSection run) {
        OptionSection t = run.child("strategy");
        Kind kind = t.get(NAME);
        StrategySettings s = new StrategySettings(
                kind,
                t.get(SIGMA, defaultSigma(kind)),
                t.get(SIGMA_DECAY),
                t.get(SIGMA_MIN),
                t.get(LR),
                t.get(OPTIMIZER),
                t.get(MOMENTUM),
                t.get(WEIGHT_DECAY),
                t.get(ANTITHETIC),
                t.get(SHAPING),
                t.get(ACTIVE),
                t.get(INNER_STEPS),
                t.get(INHERITANCE),
                t.get(INITIAL_MEAN, Double.NaN),
                t.get(EPISODES));
        t.rejectUnknown();
        return s;
    }
}
