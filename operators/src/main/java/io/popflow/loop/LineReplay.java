package io.popflow.loop;

import io.popflow.agent.AgentEffects;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentState;
import io.popflow.agent.Directive;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.InitialPopulation;
import io.popflow.agent.Phase;
import io.popflow.agent.WeightTransfer;
import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.LineOfDescent;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.StreamTaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Re-trains one line of weights alone: the weights the final best agent ends with, followed back
 * through every copy to their creation (Ray Tune's {@code PopulationBasedTrainingReplay}, which
 * replays a trial's policy log). Generation by generation the line trains in the agent that held
 * it, with that agent's h, and crosses to a recipient where it was copied.
 *
 * <p>Exact, not approximate: an agent's fast steps are a function of its weights, optimizer memory,
 * h and its own random stream, and every agent report logs the stream's position. Where the line
 * enters an agent (a copy, or a reset) that agent is stood in for by a state holding its logged
 * stream position and step count, and the same {@link AgentLifecycle} code a run uses takes the
 * directive, the donor's weights and the next generation; so a synchronous run's winner comes out
 * with the same bits.
 *
 * <p>What is outside a line and so cannot be replayed: model merging (the pull toward the elite's
 * mean weights needs the other agents), a stream task's examples (their arrival order is the
 * run's, not the seed's), a DQN recipient that keeps its own replay memory, evolution strategies
 * (their winner is a distribution's mean) and asynchronous runs (a donor answers with whatever it
 * last reported when a request reaches it, which the records do not pin down).
 */
public final class LineReplay {
    private final PopulationConfig config;
    private final AgentLifecycle lifecycle;

    /** How the line's weights came to be in its agent at the start of a generation. */
    public sealed interface Arrival permits Created, Continued, Copied, Reset {}

    /** Generation 0: the agent's own initial weights. */
    public record Created() implements Arrival {}

    /** The same agent went on, with the h of this generation (the same, or mutated). */
    public record Continued() implements Arrival {}

    /**
     * Copied from the previous generation's agent into this one, whose stream stood at {@code rngState}
     * and which had taken {@code steps} steps when it reported that generation.
     */
    public record Copied(long rngState, long steps) implements Arrival {}

    /** This agent drew fresh weights after the previous generation, from its stream at {@code rngState}. */
    public record Reset(long rngState, long steps) implements Arrival {}

    /**
     * One generation of the line.
     *
     * @param generation the generation
     * @param agent the agent that trained the line's weights in it
     * @param hyperparameters the h it trained them with
     * @param arrival how the weights came to be there
     */
    public record Step(int generation, int agent, double[] hyperparameters, Arrival arrival) {}

    /**
     * What a run logged of one agent's generation.
     *
     * @param hyperparameters the h it trained with
     * @param rngState its stream position at the report
     * @param steps its step count at the report
     */
    public record Logged(double[] hyperparameters, long rngState, long steps) {}

    /** What the run logged of {@code agent}'s {@code generation}, or null if nothing. */
    @FunctionalInterface
    public interface Log {
        Logged of(int generation, int agent);
    }

    /**
     * The steps of {@code line}, from its first generation to its last, with what {@code log} holds
     * of the agents that carried it and of those it entered.
     */
    public static List<Step> steps(LineOfDescent line, Log log) {
        List<Step> steps = new ArrayList<>();
        int first = line.firstGeneration();
        for (int g = first; g < line.agents().length; g++) {
            int agent = line.agents()[g];
            Arrival arrival;
            if (g == 0) {
                arrival = new Created();
            } else if (g == first || line.copies()[g - 1]) {
                Logged before = logged(log, g - 1, agent);
                arrival = g == first
                        ? new Reset(before.rngState(), before.steps())
                        : new Copied(before.rngState(), before.steps());
            } else {
                arrival = new Continued();
            }
            steps.add(new Step(g, agent, logged(log, g, agent).hyperparameters(), arrival));
        }
        return steps;
    }

    private static Logged logged(Log log, int generation, int agent) {
        Logged l = log.of(generation, agent);
        if (l == null) {
            throw new IllegalArgumentException("no report of agent " + agent + " in generation " + generation);
        }
        return l;
    }

    /**
     * @param reports the replayed report of every generation of the line
     * @param last the line's final record: digest of the weights and, as for the run's winner, test performance
     */
    public record Result(List<AgentReport> reports, FinalAgent last) {}

    public LineReplay(PopulationConfig config) {
        whyNot(config).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        this.config = config;
        this.lifecycle = new AgentLifecycle(config);
    }

    /** Why the runs of {@code config} cannot be replayed exactly, or empty if they can. */
    public static Optional<String> whyNot(PopulationConfig config) {
        if (config.isEvolutionStrategy()) {
            return Optional.of("an evolution strategy's winner is its distribution's mean, not a line of weights");
        }
        if (config.asynchronous()) {
            return Optional.of(
                    "in an asynchronous run a donor sends whatever it last reported when the request reaches "
                            + "it, which the records do not pin down; replay needs mode: synchronous");
        }
        if (config.merge().isOn()) {
            return Optional.of("with merging every agent is pulled toward the elite's mean weights, which a line alone "
                    + "does not hold");
        }
        if (config.task() instanceof StreamTaskSpec) {
            return Optional.of("a stream task learns from examples in the order they arrived, which is the run's, not "
                    + "a function of its seed");
        }
        if (config.task() instanceof ControlTaskSpec && config.exploit().replay() == CopyPolicy.Replay.KEEP) {
            return Optional.of("with exploit.replay: keep a recipient goes on with its own replay memory, which the "
                    + "records do not hold");
        }
        return Optional.empty();
    }

    /** Trains the line, generation by generation from its first; returns what it reported and its final record. */
    public Result run(List<Step> line) {
        if (line.isEmpty()) {
            throw new IllegalArgumentException("an empty line");
        }
        Capture fx = new Capture();
        AgentState s = start(line.get(0), fx);
        List<AgentReport> reports = new ArrayList<>(line.size());
        for (int i = 0; i < line.size(); i++) {
            Step step = line.get(i);
            check(s, step);
            while (lifecycle.train(s, Integer.MAX_VALUE, fx)) {
                // the whole fast window
            }
            AgentReport report = fx.takeReport();
            reports.add(report);
            if (i + 1 < line.size()) {
                s = next(s, report, line.get(i + 1), fx);
            }
        }
        return new Result(reports, lifecycle.finalRecord(s, true));
    }

    private AgentState start(Step first, Capture fx) {
        if (first.arrival() instanceof Created) {
            if (first.generation() != 0) {
                throw new IllegalArgumentException("a line created at generation " + first.generation());
            }
            return lifecycle.create(
                    first.agent(),
                    new InitialHyperparameters(first.hyperparameters()),
                    InitialPopulation.agentSeed(config, first.agent()));
        }
        if (first.arrival() instanceof Reset reset) {
            AgentState s = standIn(first, first.generation() - 1, reset.rngState(), reset.steps());
            lifecycle.onDirective(s, Directive.of(s.generation, new Directive.Reset(first.hyperparameters())), fx);
            return s;
        }
        throw new IllegalArgumentException("a line starts with its creation or a reset, not " + first.arrival());
    }

    /** The line after {@code s} reported: in the same agent, or copied into the next one. */
    private AgentState next(AgentState s, AgentReport report, Step next, Capture fx) {
        int g = report.generation();
        if (next.arrival() instanceof Continued) {
            boolean same = Arrays.equals(next.hyperparameters(), s.hyperparameters);
            lifecycle.onDirective(
                    s, Directive.of(g, same ? new Directive.Keep() : new Directive.Mutate(next.hyperparameters())), fx);
            return s;
        }
        if (next.arrival() instanceof Copied copied) {
            lifecycle.onDirective(s, Directive.of(g, new Directive.Keep()).sendingTo(next.agent()), fx);
            WeightTransfer weights = fx.takeTransfer();
            AgentState recipient = standIn(next, g, copied.rngState(), copied.steps());
            lifecycle.onDirective(recipient, Directive.of(g, new Directive.Copy(s.id, next.hyperparameters())), fx);
            lifecycle.onTransfer(recipient, weights, fx);
            return recipient;
        }
        throw new IllegalArgumentException("generation " + next.generation() + " of the line: " + next.arrival()
                + " cannot follow generation " + g);
    }

    /**
     * The agent that takes the line in {@code step}, as it stood after reporting {@code generation},
     * as far as the line's weights depend on it: its stream position and step count (a DQN agent's ε
     * clock and target schedule). Its weights and learner memory are fresh ones, which the copy or
     * reset about to come replaces.
     */
    private AgentState standIn(Step step, int generation, long rngState, long steps) {
        AgentState s = lifecycle.create(step.agent(), new InitialHyperparameters(step.hyperparameters()), rngState);
        s.rng = rngState;
        s.steps = steps;
        if (s.rl != null) {
            s.rl.steps = steps;
        }
        s.generation = generation;
        s.phase = Phase.REPORTED;
        return s;
    }

    private static void check(AgentState s, Step step) {
        if (s.phase != Phase.TRAINING
                || s.generation != step.generation()
                || s.id != step.agent()
                || !Arrays.equals(s.hyperparameters, step.hyperparameters())) {
            throw new IllegalStateException(
                    "the replayed line is at " + s + ", expected generation " + step.generation() + " in agent "
                            + step.agent() + " with h " + Arrays.toString(step.hyperparameters()));
        }
    }

    /** The one report and the one weight transfer each step makes. */
    private static final class Capture implements AgentEffects {
        private AgentReport report;
        private WeightTransfer transfer;

        @Override
        public void report(AgentReport r) {
            report = r;
        }

        @Override
        public void send(int recipient, WeightTransfer t) {
            transfer = t;
        }

        @Override
        public void finish(FinalAgent agent) {
            throw new IllegalStateException("a replayed line is never stopped by a directive");
        }

        AgentReport takeReport() {
            AgentReport r = report;
            report = null;
            if (r == null) {
                throw new IllegalStateException("the generation ended without a report");
            }
            return r;
        }

        WeightTransfer takeTransfer() {
            WeightTransfer t = transfer;
            transfer = null;
            return t;
        }
    }
}
