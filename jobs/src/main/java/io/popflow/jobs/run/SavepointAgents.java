package io.popflow.jobs.run;

import io.popflow.agent.AgentState;
import io.popflow.flink.AgentStateSerializer;
import io.popflow.flink.AgentTrainerOperator;
import io.popflow.jobs.PopulationTrainingJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * The agents held in a savepoint of a population job, read with Flink's State Processor API: what
 * a stopped run's {@code final-agents.jsonl} and {@code summary.json} describe.
 */
public final class SavepointAgents {
    private SavepointAgents() {}

    /** Every agent of the savepoint at {@code savepoint}, by ascending id. */
    public static List<AgentState> read(Path savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        SavepointReader reader = SavepointReader.read(env, savepoint.toUri().toString(), new HashMapStateBackend());
        List<AgentState> agents = new ArrayList<>();
        try (CloseableIterator<byte[]> bytes = reader.readKeyedState(
                        OperatorIdentifier.forUid(PopulationTrainingJob.TRAINER_UID),
                        new AgentBytes(),
                        Types.INT,
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .executeAndCollect("popflow: read agents of " + savepoint.getFileName())) {
            while (bytes.hasNext()) {
                agents.add(AgentStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes.next())));
            }
        }
        agents.sort(Comparator.comparingInt(a -> a.id));
        return agents;
    }

    /**
     * Fast steps the population had taken at the snapshot: where a resumed run's own count starts.
     * Each agent counts its own steps (a copy from a donor moves weights, not the count), and a
     * generation summary's {@code agent_steps} is their sum, so this is the figure the run's records
     * continue from, also for a snapshot taken mid-generation.
     */
    public static long stepsTaken(Path snapshot) throws Exception {
        return read(snapshot).stream().mapToLong(a -> a.steps).sum();
    }

    /**
     * Each agent in its serialized form: the reader job's records need a type Flink knows, and the
     * agent's own serializer is the one that knows the agent.
     */
    private static final class AgentBytes extends KeyedStateReaderFunction<Integer, byte[]> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<AgentState> agent;

        @Override
        public void open(OpenContext context) {
            agent = getRuntimeContext()
                    .getState(
                            new ValueStateDescriptor<>(AgentTrainerOperator.STATE_NAME, AgentStateSerializer.INSTANCE));
        }

        @Override
        public void readKey(Integer key, Context context, Collector<byte[]> out) throws Exception {
            DataOutputSerializer bytes = new DataOutputSerializer(4096);
            AgentStateSerializer.INSTANCE.serialize(agent.value(), bytes);
            out.collect(bytes.getCopyOfBuffer());
        }
    }
}
