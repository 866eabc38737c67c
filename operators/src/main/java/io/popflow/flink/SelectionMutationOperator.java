package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.Directives;
import io.popflow.agent.GenerationReports;
import io.popflow.config.PopulationConfig;
import io.popflow.math.Streams;
import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.PbtStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The slow time scale in the job (parallelism 1): for each generation's fitness table, selection
 * and mutation decide, and one directive per agent goes back through the feedback edge; the
 * exploit-explore events go to {@link #LINEAGE}. After the last generation every agent is told to
 * stop and each feedback channel gets an end-of-run marker.
 *
 * <p>Decisions are a pure function of the table and the generation's random stream. The latest
 * decision is kept in operator state and sent again after a restore, because the feedback edge may
 * have lost it in flight (see {@code io.popflow.flink.feedback}); agents ignore copies they have
 * already acted on.
 */
public final class SelectionMutationOperator extends AbstractStreamOperator<AgentCommand>
        implements OneInputStreamOperator<GenerationReports, AgentCommand> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<LineageEvent> LINEAGE =
            new OutputTag<>("lineage", TypeInformation.of(LineageEvent.class));

    private final PopulationConfig config;
    private transient PbtStep step;
    private transient ListState<AgentCommand> latestDecision;
    private transient List<AgentCommand> toResend;
    private transient Counter resent;

    public SelectionMutationOperator(PopulationConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        latestDecision = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("latest-decision", TypeInformation.of(AgentCommand.class)));
        toResend = new ArrayList<>();
        if (context.isRestored()) {
            latestDecision.get().forEach(toResend::add);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        step = config.pbtStep();
        resent = getMetricGroup().counter("resentDirectives");
        if (!toResend.isEmpty()) {
            List<AgentCommand> commands = toResend;
            toResend = List.of();
            getProcessingTimeService().registerTimer(
                    getProcessingTimeService().getCurrentProcessingTime(), time -> resend(commands));
        }
    }

    private void resend(List<AgentCommand> commands) {
        for (AgentCommand c : commands) {
            output.collect(new StreamRecord<>(c));
        }
        resent.inc(commands.size());
    }

    @Override
    public void processElement(StreamRecord<GenerationReports> element) throws Exception {
        FitnessTable table = element.getValue().table();
        int g = table.generation();
        List<AgentCommand> commands;
        if (config.isBounded() && g >= config.generations() - 1) {
            commands = new ArrayList<>(Directives.stop(table));
            for (int channel = 0; channel < config.parallelism(); channel++) {
                commands.add(AgentCommand.endOfRun(channel));
            }
        } else {
            List<Exploitation> decisions = step.decide(table, Streams.SELECTION.generator(config.seed(), g));
            for (Exploitation e : decisions) {
                output.collect(LINEAGE, new StreamRecord<>(LineageEvent.of(g, e)));
            }
            commands = Directives.of(table, decisions);
        }
        latestDecision.update(commands);
        for (AgentCommand c : commands) {
            output.collect(new StreamRecord<>(c));
        }
    }
}
