package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.Directives;
import io.popflow.agent.GenerationDecision;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.WallClock;
import io.popflow.config.PopulationConfig;
import io.popflow.math.RandomStreams;
import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.PopulationStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The slow time scale in asynchronous mode (Ray Tune's default): an agent that reaches its
 * perturbation interval is decided at once, against the latest report of every agent, kept in this
 * operator's state. It does not wait for the others; a copied donor answers with the weights of its
 * own last report. An agent that reports its last generation waits until all have, then everyone
 * stops together, so the best agent can be chosen.
 *
 * <p>Decisions depend on the order reports arrive in, so unlike synchronous runs an asynchronous
 * run is not a function of its seed alone; each decision still acts exactly once. A summary of the
 * latest table is emitted every {@code population} reports.
 */
public final class AsyncSelectionMutationOperator extends SlowScaleOperator<AgentReport> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<GenerationSummary> SUMMARIES =
            new OutputTag<>("async-summaries", TypeInformation.of(GenerationSummary.class));

    private transient ListState<AgentReport> latestState;
    private transient ListState<AgentCommand> outstandingState;
    private transient TreeMap<Integer, AgentReport> latest;
    private transient TreeMap<Integer, List<AgentCommand>> outstandingByAgent;
    private transient long reportsSeen;
    private transient boolean stopped;

    public AsyncSelectionMutationOperator(PopulationConfig config) {
        super(config);
    }

    @Override
    protected List<AgentCommand> restore(StateInitializationContext context) throws Exception {
        latestState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("latest-reports", AgentReportSerializer.INSTANCE));
        outstandingState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("outstanding-commands", AgentCommandSerializer.INSTANCE));
        List<AgentCommand> outstanding = new ArrayList<>();
        outstandingState.get().forEach(outstanding::add);
        latest = new TreeMap<>();
        for (AgentReport r : latestState.get()) {
            latest.put(r.agent(), r);
        }
        outstandingByAgent = new TreeMap<>();
        for (AgentCommand c : outstanding) {
            int owner = c instanceof AgentCommand.Request r ? r.request().recipient() : c.isEndOfRun() ? -1 : c.agent();
            outstandingByAgent.computeIfAbsent(owner, a -> new ArrayList<>()).add(c);
        }
        reportsSeen =
                latest.values().stream().mapToLong(r -> r.generation() + 1L).sum();
        stopped = outstandingByAgent.containsKey(-1);
        return outstanding;
    }

    @Override
    protected void snapshot(StateSnapshotContext context) throws Exception {
        latestState.update(new ArrayList<>(latest.values()));
        List<AgentCommand> all = new ArrayList<>();
        outstandingByAgent.values().forEach(all::addAll);
        outstandingState.update(all);
    }

    @Override
    public void processElement(StreamRecord<AgentReport> element) {
        AgentReport report = element.getValue();
        latest.put(report.agent(), report);
        reportsSeen++;
        FitnessTable table = table(report.generation());
        if (reportsSeen % config.population() == 0) {
            output.collect(
                    SUMMARIES,
                    new StreamRecord<>(PopulationStatistics.summarize(
                            table,
                            config.space().names(),
                            latest.values().stream()
                                    .mapToLong(AgentReport::steps)
                                    .sum(),
                            GenerationReports.meanEpisodeReturn(latest.values()))));
        }
        if (config.isBounded() && report.generation() >= config.generations() - 1) {
            stopWhenAllAreDone();
            return;
        }
        int row = table.indexOf(report.agent());
        Exploitation e = step.decideOne(
                table,
                row,
                RandomStreams.SELECTION.generator(
                        config.seed(), (long) report.generation() * config.population() + report.agent()));
        if (e != null) {
            lineage(LineageEvent.of(report.generation(), e));
        }
        List<AgentCommand> commands = stamped(Directives.forOne(report.agent(), report.generation(), e));
        outstandingByAgent.put(report.agent(), commands);
        emit(commands);
    }

    private void stopWhenAllAreDone() {
        boolean allDone = latest.size() == config.population()
                && latest.values().stream().allMatch(r -> r.generation() >= config.generations() - 1);
        if (!allDone || stopped) {
            return;
        }
        stopped = true;
        List<AgentCommand> commands = new ArrayList<>(GenerationDecision.stop(table(config.generations() - 1))
                .emittedAt(WallClock.micros())
                .directives());
        commands.addAll(AgentCommand.endOfRunOnEveryChannel(config.parallelism()));
        outstandingByAgent.clear();
        outstandingByAgent.put(-1, commands);
        emit(commands);
    }

    /** The latest report of every agent, as one table numbered {@code generation}. */
    private FitnessTable table(int generation) {
        return GenerationReports.of(generation, latest.values()).table();
    }
}
