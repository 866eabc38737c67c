package io.popflow.jobs.run;

import io.popflow.config.PopulationConfig;
import io.popflow.rl.DqnSettings;
import io.popflow.slow.GaussianMutation;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.CustomObjectiveTaskSpec;
import io.popflow.task.CustomTrainableTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TableTaskSpec;
import io.popflow.task.TaskSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The start-of-run lines: what runs, in plain words, so that a console log tells which run it was. */
public final class RunBanner {
    private RunBanner() {}

    public static String describe(PopulationConfig c) {
        if (c.isEvolutionStrategy()) {
            int inner = c.strategy().innerSteps();
            return String.format(
                    Locale.ROOT,
                    "popflow: task %s; evolution strategy %s (σ₀ %s%s); seed %d; %d members; %s; " + "parallelism %d",
                    strategyTask(c),
                    c.strategy().kind().name().toLowerCase(Locale.ROOT),
                    c.strategy().sigma(),
                    inner > 0
                            ? ", " + Plural.of(inner, "inner " + lower(c.space().rule()) + " step") + " per member"
                            : "",
                    c.seed(),
                    c.population(),
                    c.isBounded() ? Plural.of(c.generations(), "generation") : "unbounded (until stopped)",
                    c.parallelism());
        }
        return String.format(
                        Locale.ROOT,
                        "popflow: task %s; %s; selection %s; mutation %s%s; %s mode; "
                                + "fitness estimator %s; seed %d; population %d; %s; parallelism %d",
                        task(c.task()),
                        // a user's learner steps itself: popflow's update rule is not used
                        c.task() instanceof CustomTrainableTaskSpec
                                ? "its own steps"
                                : "optimizer " + lower(c.space().rule()),
                        selection(c.selection()),
                        mutation(c.mutation()),
                        c.merge().isOn() ? "; merge strength " + c.merge().strength() : "",
                        c.asynchronous() ? "asynchronous" : "synchronous",
                        lower(c.fitness().estimator()),
                        c.seed(),
                        c.population(),
                        c.isBounded()
                                ? Plural.of(c.generations(), "generation") + " of "
                                        + Plural.of(c.perturbationInterval(), "step")
                                : "unbounded (until stopped), " + Plural.of(c.perturbationInterval(), "step")
                                        + " per generation",
                        c.parallelism())
                + (c.champion() == null
                        ? ""
                        : "; champion (models/champion.onnx) at each new best agent " + "and every "
                                + Plural.of(c.champion().every(), "generation"));
    }

    /**
     * The task as an evolution strategy uses it. A control task's member is its Q-network as a greedy
     * policy, scored by its own greedy episodes: the DQN's replay, target network and loss train it
     * only in inner steps, and the DQN fitness rule (the last k returns, max rule) is not used.
     */
    static String strategyTask(PopulationConfig c) {
        if (!(c.task() instanceof ControlTaskSpec t)) {
            return task(c.task());
        }
        DqnSettings d = t.dqn();
        var env = d.environment().create();
        String network = env.observationSize() + "-" + layers(d.hidden()) + "-" + env.actions();
        return t.name() + " (" + d.environment().episodes() + "; greedy policy of a "
                + "Q-network " + network + "; "
                + (c.strategy().innerSteps() > 0
                        ? "inner steps by DQN (replay " + d.replayCapacity() + ", target every "
                                + Plural.of(d.targetUpdate(), "step") + ", " + lower(d.loss()) + " loss); "
                        : "")
                + "fitness mean return of " + Plural.of(c.strategy().episodes(), "greedy episode") + ")";
    }

    static String task(TaskSpec task) {
        if (task instanceof DigitsTaskSpec d) {
            return "digits (MLP 64-" + layers(d.hidden()) + "-10 " + lower(d.activation()) + ", fitness "
                    + lower(d.metric()) + ")";
        }
        if (task instanceof TableTaskSpec t) {
            return "table (" + t.table().source() + ": " + lower(t.target()) + " of "
                    + t.table().names()[t.label()] + ", "
                    + Plural.of(t.table().rows(), "row") + ", "
                    + Plural.of(t.table().names().length - 1, "feature column")
                    + (t.target() == TableTaskSpec.Target.CLASSIFICATION
                            ? ", classes " + String.join(", ", t.classes())
                            : "")
                    + (t.smallTestPart() == null ? "" : "; " + t.smallTestPart())
                    + "; MLP hidden " + layers(t.hidden()) + " " + lower(t.activation()) + ")";
        }
        if (task instanceof StreamTaskSpec s) {
            return "stream (MLP " + s.features() + "-" + layers(s.hidden()) + "-" + s.classes() + " "
                    + lower(s.activation()) + ", examples from Kafka or a watched folder)";
        }
        if (task instanceof QuadraticTaskSpec q) {
            return "quadratic (dimension " + q.dimension() + ", curvature " + q.curvatureMin() + " to "
                    + q.curvatureMax() + ", signal " + q.signal() + ", noise " + q.noise() + ")";
        }
        if (task instanceof LandscapeTaskSpec l) {
            return "landscape (" + lower(l.function()) + ", dimension " + l.dimension() + ", curvature " + l.curvature()
                    + ")";
        }
        if (task instanceof ControlTaskSpec c) {
            DqnSettings d = c.dqn();
            return c.name() + " (" + d.environment().episodes() + "; DQN, Q-network "
                    + layers(d.hidden()) + ", replay " + d.replayCapacity() + ", target every "
                    + Plural.of(d.targetUpdate(), "step")
                    + ", " + lower(d.loss()) + " loss; fitness mean return of the last "
                    + Plural.of(c.episodes(), "episode")
                    + (c.maxRule() && Double.isFinite(d.environment().maxReturn()) ? ", max rule" : "") + ")";
        }
        if (task instanceof CustomTrainableTaskSpec t) {
            return t.name() + " (a user's learner, " + t.className() + ")";
        }
        if (task instanceof CustomObjectiveTaskSpec o) {
            return o.name() + " (a user's objective, " + o.className() + ", dimension " + o.dimension() + ")";
        }
        if (task instanceof PbtToyTaskSpec t) {
            return "pbt-toy (initial h " + Arrays.toString(t.initial()) + ")";
        }
        return task.name();
    }

    private static String selection(SelectionSettings s) {
        return switch (s.rule()) {
                    case TRUNCATION -> "truncation (quantile " + s.quantileFraction() + ")";
                    case BOLTZMANN -> "boltzmann (strength " + s.strength() + ")";
                    case MORAN -> "moran (strength " + s.strength() + ", " + Plural.of(s.moranEvents(), "event") + ")";
                    case TOURNAMENT -> "tournament";
                    case NONE -> "none";
                }
                + (s.burnIn() > 0 ? " after a burn-in of " + Plural.of(s.burnIn(), "step") : "");
    }

    private static String mutation(MutationSettings m) {
        return switch (m.kernel()) {
            case PBT ->
                "pbt (resample " + m.resampleProbability() + ", factors "
                        + Arrays.stream(m.perturbationFactors())
                                .mapToObj(Double::toString)
                                .collect(Collectors.joining("/"))
                        + ")";
            case GAUSSIAN ->
                m.space() == GaussianMutation.Space.NORMALIZED
                        ? String.format(
                                Locale.ROOT,
                                "gaussian (normalized space, strength %.4g, %s%s)",
                                Math.sqrt(2 * m.diffusion() * m.dt()),
                                m.boundary().name().toLowerCase(Locale.ROOT),
                                m.everyone() ? ", everyone" : "")
                        : "gaussian (diffusion " + m.diffusion() + ", dt " + m.dt() + (m.everyone() ? ", everyone" : "")
                                + ")";
            case PB2 -> "pb2 (GP-UCB on the last " + Plural.of(m.window(), "fitness change") + ")";
            case CUSTOM -> "custom (" + m.explorer() + ")";
            case NONE -> "none";
        };
    }

    private static String layers(int[] hidden) {
        return Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
