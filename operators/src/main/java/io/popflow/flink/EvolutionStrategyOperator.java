package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.Directive;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.Learner;
import io.popflow.agent.SearchDistributions;
import io.popflow.agent.WallClock;
import io.popflow.config.PopulationConfig;
import io.popflow.es.DistributionReplica;
import io.popflow.es.DistributionSummary;
import io.popflow.es.EsGeneration;
import io.popflow.slow.FitnessTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The slow time scale of an evolution-strategy run: for each generation's fitness table it tells
 * the authoritative copy of the search distribution, and sends back, on every feedback channel,
 * the {@link EsGeneration} update (seed and fitness: N + 4 numbers), then one small directive per
 * agent: take your next member ({@link Directive.Sample}), or after the last generation the
 * mean ({@link Directive.TakeMean}; agent 0 measures its test performance).
 *
 * <p>State: the distribution and the latest update, which is all that can be in flight at a
 * checkpoint (the next needs every agent's next report) and is resent after a restore; trainer
 * replicas and agents ignore what they have already applied.
 */
public final class EvolutionStrategyOperator extends SlowScaleOperator<GenerationReports> {
    private static final long serialVersionUID = 1L;

    /** One record per generation: σ, |mean| and the feedback edge's bytes. */
    public static final OutputTag<DistributionSummary> DISTRIBUTION =
            new OutputTag<>("distribution", TypeInformation.of(DistributionSummary.class));

    private transient DistributionReplica distribution;
    private transient ListState<byte[]> distributionState;
    private transient ListState<AgentCommand> latestState;
    private transient EsGeneration latest;
    private transient long latestEmittedMicros;

    public EvolutionStrategyOperator(PopulationConfig config) {
        super(config);
    }

    @Override
    protected List<AgentCommand> restore(StateInitializationContext context) throws Exception {
        distribution = SearchDistributions.of(config, Learner.of(config));
        distributionState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(
                        "es-distribution", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        latestState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("es-latest-update", AgentCommandSerializer.INSTANCE));
        for (byte[] bytes : distributionState.get()) {
            distribution.restore(bytes);
        }
        for (AgentCommand c : latestState.get()) {
            AgentCommand.Distribution d = (AgentCommand.Distribution) c;
            latest = d.update();
            latestEmittedMicros = d.emittedMicros();
        }
        return latest == null ? List.of() : commands(latest, latestEmittedMicros);
    }

    @Override
    protected void snapshot(StateSnapshotContext context) throws Exception {
        distributionState.update(List.of(distribution.encode()));
        latestState.update(
                latest == null ? List.of() : List.of(new AgentCommand.Distribution(0, latest, latestEmittedMicros)));
    }

    @Override
    public void processElement(StreamRecord<GenerationReports> element) {
        FitnessTable table = element.getValue().table();
        int g = table.generation();
        if (g != distribution.generation()) {
            throw new IllegalStateException(
                    "fitness of generation " + g + " for a distribution at generation " + distribution.generation());
        }
        latest = SearchDistributions.tell(config, distribution, element.getValue());
        latestEmittedMicros = WallClock.micros();
        List<AgentCommand> commands = commands(latest, latestEmittedMicros);
        emit(commands);
        double[] mean = distribution.strategy().mean();
        double norm = 0;
        for (double m : mean) {
            norm += m * m;
        }
        output.collect(
                DISTRIBUTION,
                new StreamRecord<>(new DistributionSummary(
                        g,
                        distribution.strategy().sigma(),
                        Math.sqrt(norm),
                        serializedBytes(commands),
                        commands.size(),
                        mean.length)));
    }

    /** Bytes of {@code commands} as the feedback edge's serializer writes them. */
    static long serializedBytes(List<AgentCommand> commands) {
        DataOutputSerializer out = new DataOutputSerializer(256);
        long bytes = 0;
        for (AgentCommand c : commands) {
            out.clear();
            try {
                AgentCommandSerializer.INSTANCE.serialize(c, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            bytes += out.length();
        }
        return bytes;
    }

    private boolean isLast(EsGeneration update) {
        return config.isBounded() && update.generation() >= config.generations() - 1;
    }

    /**
     * The update for every trainer subtask first (agents of a subtask need it before their
     * directive, and a channel keeps its order), then one directive per agent, then after the last
     * generation an end-of-run marker per channel.
     */
    private List<AgentCommand> commands(EsGeneration update, long emittedMicros) {
        List<AgentCommand> commands = new ArrayList<>(config.population() + 2 * config.parallelism());
        for (int subtask = 0; subtask < config.parallelism(); subtask++) {
            commands.add(new AgentCommand.Distribution(subtask, update, emittedMicros));
        }
        boolean last = isLast(update);
        for (int agent = 0; agent < config.population(); agent++) {
            Directive.Action action = last ? new Directive.TakeMean(agent == 0) : new Directive.Sample();
            commands.add(AgentCommand.directive(agent, Directive.of(update.generation(), action))
                    .emittedAt(emittedMicros));
        }
        if (last) {
            commands.addAll(AgentCommand.endOfRunOnEveryChannel(config.parallelism()));
        }
        return commands;
    }
}
