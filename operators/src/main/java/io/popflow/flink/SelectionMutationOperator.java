package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.Directives;
import io.popflow.agent.GenerationReports;
import io.popflow.config.PopulationConfig;
import io.popflow.math.Streams;
import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.PopulationStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The slow time scale in synchronous mode: for each generation's fitness table, the population step
 * (estimator, selection, mutation, merging) decides, and one directive per agent goes back through
 * the feedback edge; after the last generation every agent is told to stop and each feedback channel
 * gets an end-of-run marker.
 *
 * <p>Decisions are a pure function of the table and the generation's random stream. Only the
 * latest decision can be in flight at a checkpoint (the next needs every agent's next report), so
 * that is what is resent after a restore.
 */
public final class SelectionMutationOperator extends SlowScaleOperator<GenerationReports> {
    private static final long serialVersionUID = 1L;

    private transient List<AgentCommand> latestDecision;

    public SelectionMutationOperator(PopulationConfig config) {
        super(config);
    }

    @Override
    protected void restore(StateInitializationContext context, List<AgentCommand> outstanding) {
        latestDecision = new ArrayList<>(outstanding);
    }

    @Override
    protected List<AgentCommand> outstanding() {
        return latestDecision;
    }

    @Override
    protected void snapshot(StateSnapshotContext context) {}

    @Override
    public void processElement(StreamRecord<GenerationReports> element) {
        GenerationReports reports = element.getValue();
        FitnessTable table = reports.table();
        int g = table.generation();
        List<AgentCommand> commands;
        if (config.isBounded() && g >= config.generations() - 1) {
            commands = new ArrayList<>(Directives.stop(table));
            for (int channel = 0; channel < config.parallelism(); channel++) {
                commands.add(AgentCommand.endOfRun(channel));
            }
        } else {
            PopulationStep.Decision decision = step.decide(table, reports.params(), Streams.SELECTION.generator(config.seed(), g));
            for (Exploitation e : decision.changes()) {
                lineage(LineageEvent.of(g, e));
            }
            commands = Directives.of(table, decision);
        }
        latestDecision = stamped(commands);
        emit(latestDecision);
    }
}
