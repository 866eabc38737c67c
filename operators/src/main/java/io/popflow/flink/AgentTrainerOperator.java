package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentEffects;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentState;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.InitialPopulation;
import io.popflow.agent.MemberSource;
import io.popflow.agent.Phase;
import io.popflow.agent.SearchDistributions;
import io.popflow.agent.WeightTransfer;
import io.popflow.config.PopulationConfig;
import io.popflow.data.StreamedExamples;
import io.popflow.es.DistributionReplica;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The fast time scale in the job: one keyed state entry per agent, trained by its learner (gradient
 * steps, or a DQN acting in its environment).
 *
 * <p>Commands (create with the initial h, directive, weights, distribution update) arrive keyed by agent and are handed to {@link
 * AgentLifecycle}. Training is not driven by records: agents that have steps to take wait in a run
 * queue, and the operator trains them round-robin, {@code chunk_steps} at a time, in mailbox actions
 * that each stop after {@link #TURN_BUDGET_NANOS}. Between two actions the task processes input and
 * checkpoint barriers, so a long generation never starves a checkpoint, and agents of one subtask
 * advance together. The run queue is not state: after a restore it is rebuilt from the agents'
 * phases. State is keyed by {@link AgentPlacement}'s key, not by the agent id (which the state holds).
 *
 * <p>For a task that learns from a stream, examples arrive on the same input, one copy per subtask
 * ({@link AgentPlacement#keyOfSubtask}); they go into the subtask's replay buffers (operator state,
 * not keyed), and agents train only once the buffers hold enough examples.
 *
 * <p>In an evolution-strategy run the subtask also holds a copy of the search distribution
 * (operator state, the same on every subtask, so restored as a union): each generation's {@link
 * AgentCommand.Distribution} update moves it, and agents take their members from it.
 *
 * <p>Outputs: end-of-generation reports on the main output; weights for other agents on {@link
 * #WEIGHTS} (to the feedback edge); final records on {@link #FINAL}, final weights on {@link #FINAL_WEIGHTS}.
 */
public final class AgentTrainerOperator extends AbstractStreamOperator<AgentReport>
        implements OneInputStreamOperator<AgentCommand, AgentReport> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<AgentCommand> WEIGHTS = new OutputTag<>("weights", ExplicitTypeInfo.commands());
    public static final OutputTag<FinalAgent> FINAL = new OutputTag<>("final", TypeInformation.of(FinalAgent.class));
    public static final OutputTag<AgentWeights> FINAL_WEIGHTS =
            new OutputTag<>("final-weights", TypeInformation.of(AgentWeights.class));

    /** Name of the keyed state that holds each agent (read back from savepoints by name). */
    public static final String STATE_NAME = "agent";
    /**
     * Longest a mailbox action trains before it yields. Short on purpose: between two actions the
     * task processes one input record (and any barrier), so with 20 ms turns the last of eight
     * directives of a generation waited some 160 ms (measured); 1 ms keeps them within a few ms at
     * no measurable cost.
     */
    static final long TURN_BUDGET_NANOS = 1_000_000L;

    private final PopulationConfig config;
    private final transient MailboxExecutor mailbox;
    private transient ValueState<AgentState> agents;
    private transient AgentLifecycle lifecycle;
    /** The stream-fed task's buffers, or null for a task with fixed data. */
    private transient StreamedExamples examples;

    private transient ReplayBufferState examplesState;
    private transient Counter examplesBuffered;
    /** The evolution strategy's search distribution, or null in a run of selection and mutation. */
    private transient DistributionReplica distribution;

    private transient DistributionReplicaState distributionState;
    private transient List<AgentCommand.Decide> waitingForDistribution;
    private transient AgentPlacement placement;
    private transient ArrayDeque<Integer> runQueue;
    private transient boolean turnScheduled;
    private transient Outputs outputs;
    private transient Counter fastSteps;
    private transient Counter resentIgnored;
    private transient Counter decisionsApplied;
    /** Of the latest report: wall-clock µs from its decision's emission to the agent acting on it. */
    private transient volatile long latestDecisionLatencyMicros;

    AgentTrainerOperator(StreamOperatorParameters<AgentReport> parameters, PopulationConfig config) {
        super(parameters);
        this.config = config;
        this.mailbox = parameters.getMailboxExecutor();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        examplesState = new ReplayBufferState(context.getOperatorStateStore());
        distributionState = new DistributionReplicaState(context.getOperatorStateStore());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        examplesState.snapshot(examples);
        distributionState.snapshot(distribution);
    }

    @Override
    public void open() throws Exception {
        super.open();
        agents = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, AgentStateSerializer.INSTANCE));
        lifecycle = new AgentLifecycle(config);
        examples = lifecycle.learner().streamedExamples();
        if (config.isEvolutionStrategy()) {
            distribution = SearchDistributions.of(config, lifecycle.learner());
            distributionState.restoreInto(distribution);
            lifecycle.withMembers(new Members());
            DistributionReplica d = distribution;
            getMetricGroup().gauge("esGeneration", d::generation);
        }
        examplesBuffered = getMetricGroup().counter("examplesBuffered");
        examplesState.restoreInto(examples);
        if (examples != null) {
            StreamedExamples e = examples;
            getMetricGroup().gauge("replayTrainExamples", () -> e.trainBuffer().count());
            getMetricGroup()
                    .gauge(
                            "replayValidationExamples",
                            () -> e.validationBuffer().count());
        }
        runQueue = new ArrayDeque<>();
        outputs = new Outputs();
        fastSteps = getMetricGroup().counter("fastSteps");
        resentIgnored = getMetricGroup().counter("resentCommandsIgnored");
        // popflow's figures for Flink's web UI and reporters (README, "Flink metrics")
        // a rate over the last 10 s (Flink's views update every 5 s): a generation-scale figure, not a day's
        getMetricGroup().meter("agentStepsPerSecond", new MeterView(fastSteps, 10));
        decisionsApplied = getMetricGroup().counter("decisionsApplied");
        latestDecisionLatencyMicros = -1;
        getMetricGroup()
                .gauge(
                        "feedbackLatencyMs",
                        () -> latestDecisionLatencyMicros < 0 ? Double.NaN : latestDecisionLatencyMicros / 1000.0);
        placement = new AgentPlacement(config.population(), config.parallelism(), config.maxParallelism());
        waitingForDistribution = new ArrayList<>();
        for (Integer key : restoredKeys()) {
            setCurrentKey(key);
            AgentState s = agents.value();
            if (placement.keyOf(s.id) != key) {
                // commands for this agent would reach another key, and a second, fresh agent would grow there
                throw new IllegalStateException(
                        "the savepoint holds agent " + s.id + " under key " + key + ", where this "
                                + "popflow places it under key " + placement.keyOf(s.id)
                                + ": it was written by a popflow whose agent "
                                + "placement depended on the parallelism (before versioned state), and cannot be resumed");
            }
            if (s.phase == Phase.TRAINING) {
                enqueue(key);
            }
        }
    }

    private List<Integer> restoredKeys() {
        KeyedStateBackend<Integer> backend = getKeyedStateBackend();
        try (Stream<Integer> keys = backend.getKeys(STATE_NAME, VoidNamespace.INSTANCE)) {
            return keys.sorted().collect(Collectors.toList());
        }
    }

    @Override
    public void processElement(StreamRecord<AgentCommand> element) throws Exception {
        AgentCommand command = element.getValue();
        if (command instanceof AgentCommand.Example example) {
            buffer(example);
            return;
        }
        if (command instanceof AgentCommand.Distribution update) {
            if (distribution == null) {
                throw new IllegalStateException(
                        "a distribution update in a run without an evolution strategy: " + update);
            }
            if (!distribution.apply(update.update())) {
                resentIgnored.inc();
            }
            actOnWaiting();
            return;
        }
        if (distribution != null
                && command instanceof AgentCommand.Decide decide
                && decide.directive().generation() + 1 > distribution.generation()) {
            // the update travels another feedback channel than the agent's directive and may come later
            waitingForDistribution.add(decide);
            return;
        }
        act(command);
    }

    /**
     * Directives that came before their distribution update, now that it is here. Not state: after
     * a restore the slow operator resends the latest decision, these directives among it.
     */
    private void actOnWaiting() throws Exception {
        List<AgentCommand.Decide> ready = new ArrayList<>();
        waitingForDistribution.removeIf(
                d -> d.directive().generation() + 1 <= distribution.generation() && ready.add(d));
        for (AgentCommand.Decide d : ready) {
            setCurrentKey(placement.keyOf(d.agent()));
            act(d);
        }
    }

    /** Hands {@code command} to the current key's agent. */
    private void act(AgentCommand command) throws Exception {
        AgentState s = agents.value();
        if (command instanceof AgentCommand.Create create) {
            if (s != null) {
                resentIgnored.inc();
                return;
            }
            s = lifecycle.create(create.agent(), create.seed(), InitialPopulation.agentSeed(config, create.agent()));
        } else if (s == null) {
            throw new IllegalStateException(
                    "command for agent " + command.agent() + " that was never seeded: " + command);
        } else {
            int ignoredBefore = s.duplicatesIgnored;
            int appliedBefore = s.directivesApplied;
            if (command instanceof AgentCommand.Decide decide) {
                lifecycle.onDirective(s, decide.directive(), decide.emittedMicros(), outputs);
            } else if (command instanceof AgentCommand.Transfer transfer) {
                lifecycle.onTransfer(s, transfer.transfer(), outputs);
            } else if (command instanceof AgentCommand.Request request) {
                lifecycle.onWeightRequest(s, request.request(), outputs);
            } else {
                throw new IllegalArgumentException("agent " + command.agent() + " cannot act on " + command);
            }
            resentIgnored.inc(s.duplicatesIgnored - ignoredBefore);
            decisionsApplied.inc(s.directivesApplied - appliedBefore);
        }
        agents.update(s);
        if (s.phase == Phase.TRAINING) {
            enqueue((Integer) getCurrentKey());
        }
    }

    private void buffer(AgentCommand.Example command) {
        if (examples == null) {
            throw new IllegalStateException(
                    "task " + config.task().name() + " does not learn from a stream, got " + command);
        }
        boolean wasReady = examples.ready();
        examples.accept(command.example());
        examplesBuffered.inc();
        if (!wasReady && examples.ready()) {
            scheduleTurn();
        }
    }

    /** Queues the agent whose state key is {@code key} for a training turn. */
    private void enqueue(int key) {
        runQueue.add(key);
        scheduleTurn();
    }

    private void scheduleTurn() {
        if (!turnScheduled && !runQueue.isEmpty() && (examples == null || examples.ready())) {
            turnScheduled = true;
            mailbox.execute(this::trainTurn, "train agents");
        }
    }

    /** Trains queued agents a chunk each, round-robin, until the queue is empty or the budget is spent. */
    private void trainTurn() throws Exception {
        turnScheduled = false;
        long deadline = System.nanoTime() + TURN_BUDGET_NANOS;
        while (!runQueue.isEmpty() && System.nanoTime() < deadline) {
            int key = runQueue.poll();
            setCurrentKey(key);
            AgentState s = agents.value();
            long before = s.steps;
            boolean more = lifecycle.train(s, config.chunkSteps(), outputs);
            fastSteps.inc(s.steps - before);
            agents.update(s);
            if (more) {
                runQueue.add(key);
            }
        }
        scheduleTurn();
    }

    /** Agents waiting for their turn (for tests). */
    int queuedAgents() {
        return runQueue.size();
    }

    /** The subtask's distribution, as the agents' source of members. */
    private final class Members implements MemberSource {
        @Override
        public float[] member(int generation, int agent) {
            requireAt(generation);
            return distribution.member(agent);
        }

        @Override
        public float[] mean(int generation) {
            requireAt(generation);
            return distribution.mean();
        }

        private void requireAt(int generation) {
            if (distribution.generation() != generation) {
                throw new IllegalStateException("an agent needs generation " + generation + " of the distribution, "
                        + "this subtask's copy is at generation " + distribution.generation());
            }
        }
    }

    private final class Outputs implements AgentEffects {
        private final StreamRecord<AgentReport> reportRecord = new StreamRecord<>(null);

        @Override
        public void report(AgentReport report) {
            if (report.decisionLatencyMicros() >= 0) {
                latestDecisionLatencyMicros = report.decisionLatencyMicros();
            }
            output.collect(reportRecord.replace(report));
        }

        @Override
        public void send(int recipient, WeightTransfer transfer) {
            output.collect(WEIGHTS, new StreamRecord<>(AgentCommand.transfer(recipient, transfer)));
        }

        @Override
        public void finish(FinalAgent agent) {
            output.collect(FINAL, new StreamRecord<>(agent));
        }

        @Override
        public void finalWeights(AgentWeights weights) {
            output.collect(FINAL_WEIGHTS, new StreamRecord<>(weights));
        }
    }
}
