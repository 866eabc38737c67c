package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.WallClock;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.PopulationStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * What the slow time scale's operators share (parallelism 1): they emit commands into the feedback
 * edge and exploit-explore events on {@link #LINEAGE}, and they keep what may still be in flight, to
 * send it again after a restore: the feedback edge may have lost it (see {@code
 * io.popflow.flink.feedback}); agents ignore copies they have already acted on.
 */
public abstract class SlowScaleOperator<IN> extends AbstractStreamOperator<AgentCommand>
        implements OneInputStreamOperator<IN, AgentCommand> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<LineageEvent> LINEAGE =
            new OutputTag<>("lineage", TypeInformation.of(LineageEvent.class));
    /** The run's champion when it publishes one ({@link io.popflow.slow.ChampionRule}). */
    public static final OutputTag<AgentWeights> CHAMPION =
            new OutputTag<>("champion", TypeInformation.of(AgentWeights.class));

    protected final PopulationConfig config;
    protected transient PopulationStep step;
    private transient List<AgentCommand> toResend;
    private transient Counter resent;

    SlowScaleOperator(PopulationConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        toResend = restore(context);
    }

    /** Restores the operator's state and returns the commands to send again (none on a fresh start). */
    protected abstract List<AgentCommand> restore(StateInitializationContext context) throws Exception;

    /** Writes the operator's state, including what may be in flight. */
    protected abstract void snapshot(StateSnapshotContext context) throws Exception;

    @Override
    public void open() throws Exception {
        super.open();
        step = config.populationStep();
        resent = getMetricGroup().counter("resentCommands");
        if (!toResend.isEmpty()) {
            List<AgentCommand> commands = toResend;
            toResend = List.of();
            getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime(), time -> {
                emit(commands);
                resent.inc(commands.size());
            });
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        snapshot(context);
    }

    protected void emit(List<AgentCommand> commands) {
        for (AgentCommand c : commands) {
            output.collect(new StreamRecord<>(c));
        }
    }

    /** {@code commands} stamped with the current wall-clock time. */
    protected static List<AgentCommand> stamped(List<AgentCommand> commands) {
        long micros = WallClock.micros();
        List<AgentCommand> out = new ArrayList<>(commands.size());
        for (AgentCommand c : commands) {
            out.add(c.emittedAt(micros));
        }
        return out;
    }

    protected void lineage(LineageEvent e) {
        output.collect(LINEAGE, new StreamRecord<>(e));
    }
}
