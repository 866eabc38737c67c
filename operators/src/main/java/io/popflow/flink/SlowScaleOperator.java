package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.PopulationStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * edge and exploit-explore events on {@link #LINEAGE}, and they keep the commands that may still be
 * in flight, to send them again after a restore: the feedback edge may have lost them (see {@code
 * io.popflow.flink.feedback}); agents ignore copies they have already acted on.
 */
public abstract class SlowScaleOperator<IN> extends AbstractStreamOperator<AgentCommand>
        implements OneInputStreamOperator<IN, AgentCommand> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<LineageEvent> LINEAGE =
            new OutputTag<>("lineage", TypeInformation.of(LineageEvent.class));

    protected final PopulationConfig config;
    protected transient PopulationStep step;
    private transient ListState<AgentCommand> outstandingState;
    private transient List<AgentCommand> toResend;
    private transient Counter resent;

    SlowScaleOperator(PopulationConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        outstandingState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("outstanding-commands", TypeInformation.of(AgentCommand.class)));
        toResend = new ArrayList<>();
        if (context.isRestored()) {
            outstandingState.get().forEach(toResend::add);
        }
        restore(context, toResend);
    }

    /** Restores the operator's own state; {@code outstanding} are the commands about to be resent. */
    protected abstract void restore(StateInitializationContext context, List<AgentCommand> outstanding) throws Exception;

    /** The commands that may be in flight now. */
    protected abstract List<AgentCommand> outstanding();

    /** Writes the operator's own state. */
    protected abstract void snapshot(StateSnapshotContext context) throws Exception;

    @Override
    public void open() throws Exception {
        super.open();
        step = config.populationStep();
        resent = getMetricGroup().counter("resentCommands");
        if (!toResend.isEmpty()) {
            List<AgentCommand> commands = toResend;
            toResend = List.of();
            getProcessingTimeService().registerTimer(
                    getProcessingTimeService().getCurrentProcessingTime(), time -> {
                        emit(commands);
                        resent.inc(commands.size());
                    });
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        outstandingState.update(outstanding());
        snapshot(context);
    }

    protected void emit(List<AgentCommand> commands) {
        for (AgentCommand c : commands) {
            output.collect(new StreamRecord<>(c));
        }
    }

    /** {@code commands} stamped with the current wall-clock time, for the feedback-latency measurement. */
    protected static List<AgentCommand> stamped(List<AgentCommand> commands) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
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
