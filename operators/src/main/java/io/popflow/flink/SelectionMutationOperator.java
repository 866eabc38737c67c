package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.GenerationDecision;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.WallClock;
import io.popflow.config.PopulationConfig;
import io.popflow.math.RandomStreams;
import io.popflow.slow.ChampionRule;
import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.Pb2Data;
import io.popflow.slow.PopulationStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The slow time scale in synchronous mode: for each generation's fitness table, the population step
 * (estimator, selection, mutation, merging) decides, and one directive per agent goes back through
 * the feedback edge; after the last generation every agent is told to stop and each feedback channel
 * gets an end-of-run marker.
 *
 * <p>Decisions are a pure function of the table, the generation's random stream and, with PB2, the
 * bandit's data. Only the latest decision can be in flight at a checkpoint (the next needs every
 * agent's next report), so that is what is kept, in its compact form, and resent after a restore;
 * PB2's data after it is kept beside it.
 */
public final class SelectionMutationOperator extends SlowScaleOperator<GenerationReports> {
    private static final long serialVersionUID = 1L;

    private transient ListState<GenerationDecision> latestState;
    private transient GenerationDecision latest;
    private transient ListState<Pb2Data> pb2State;
    /** What PB2 has seen; null for other kernels. */
    private transient Pb2Data pb2Data;

    private transient ListState<Integer> championState;
    /** The last published champion, -1 before the first (or in a run that publishes none). */
    private transient int champion;

    public SelectionMutationOperator(PopulationConfig config) {
        super(config);
    }

    @Override
    protected List<AgentCommand> restore(StateInitializationContext context) throws Exception {
        latestState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("latest-decision", GenerationDecisionSerializer.INSTANCE));
        for (GenerationDecision d : latestState.get()) {
            latest = d;
        }
        pb2State = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("pb2-data", Pb2DataSerializer.INSTANCE));
        pb2Data = config.populationStep().initialData();
        for (Pb2Data d : pb2State.get()) {
            pb2Data = d;
        }
        championState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("champion", IntSerializer.INSTANCE));
        champion = -1;
        for (int c : championState.get()) {
            champion = c;
        }
        return latest == null ? List.of() : commands(latest);
    }

    @Override
    protected void snapshot(StateSnapshotContext context) throws Exception {
        latestState.update(latest == null ? List.of() : List.of(latest));
        pb2State.update(pb2Data == null ? List.of() : List.of(pb2Data));
        championState.update(champion < 0 ? List.of() : List.of(champion));
    }

    @Override
    public void processElement(StreamRecord<GenerationReports> element) {
        GenerationReports reports = element.getValue();
        FitnessTable table = reports.table();
        int g = table.generation();
        GenerationDecision decision;
        if (config.isBounded() && g >= config.generations() - 1) {
            decision = GenerationDecision.stop(table);
        } else {
            PopulationStep.Decision d =
                    step.decide(table, reports.params(), pb2Data, RandomStreams.SELECTION.generator(config.seed(), g));
            pb2Data = d.data();
            for (Exploitation e : d.changes()) {
                lineage(LineageEvent.of(g, e));
            }
            decision = GenerationDecision.of(table, d);
        }
        latest = decision.emittedAt(WallClock.micros());
        emit(commands(latest));
        publishChampion(reports, table);
    }

    /**
     * The generation's best agent and its reported weights, when the rule publishes it: chosen by the
     * fitness the table holds, measured on validation data.
     */
    private void publishChampion(GenerationReports reports, FitnessTable table) {
        ChampionRule rule = config.champion();
        int best = table.best();
        if (rule == null
                || !table.isHealthy(best)
                || !rule.publishes(table.generation(), table.agents()[best], champion)) {
            return;
        }
        AgentReport r = reports.reports()[best];
        champion = r.agent();
        output.collect(
                CHAMPION,
                new StreamRecord<>(new AgentWeights(
                        r.agent(), r.generation(), r.fitness(), r.hyperparameters(), r.params(), r.rngState())));
    }

    /** The decision's directives, and after a stop, an end-of-run marker per feedback channel. */
    private List<AgentCommand> commands(GenerationDecision decision) {
        List<AgentCommand> commands = new ArrayList<>(decision.directives());
        if (decision.isStop()) {
            commands.addAll(AgentCommand.endOfRunOnEveryChannel(config.parallelism()));
        }
        return commands;
    }
}
