package io.popflow.flink.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens circulate through the in-JVM edge until each has made {@code HOPS} trips; then a
 * coordinator ends every channel. Every trip is seen exactly once and the job finishes by itself.
 * The job graph puts each head subtask in one co-location group with its tail.
 */
class InJvmFeedbackEdgeITCase {
    private static final int PARALLELISM = 2;
    private static final int TOKENS = 50;
    private static final int HOPS = 20;
    private static final ConcurrentLinkedQueue<String> TRIPS = new ConcurrentLinkedQueue<>();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .build());

    /** A token on its way; {@code hops < 0} marks the end of channel {@code id}. */
    public record Token(int id, int hops) {}

    static final class TokenRouting implements FeedbackRouting<Token> {
        private static final long serialVersionUID = 1L;

        @Override
        public int route(Token t) {
            return t.id();
        }

        @Override
        public boolean isEndOfRun(Token t) {
            return t.hops() < 0;
        }
    }

    @Test
    void everyTokenMakesEveryTripOnceAndTheLoopEnds() throws Exception {
        TRIPS.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        buildLoop(env);
        env.execute("feedback edge");

        assertThat(TRIPS).hasSize(TOKENS * HOPS).doesNotHaveDuplicates();
        for (int i = 0; i < TOKENS; i++) {
            for (int h = 1; h <= HOPS; h++) {
                assertThat(TRIPS).contains(i + "@" + h);
            }
        }
    }

    @Test
    void headAndTailShareACoLocationGroup() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        buildLoop(env);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        JobVertex head = vertex(graph, "tokens-head");
        JobVertex tail = vertex(graph, "tokens-tail");
        assertThat(head.getCoLocationGroup()).isNotNull().isSameAs(tail.getCoLocationGroup());
        assertThat(head.getParallelism()).isEqualTo(PARALLELISM).isEqualTo(tail.getParallelism());
    }

    private static JobVertex vertex(JobGraph graph, String operatorName) {
        for (JobVertex v : graph.getVertices()) {
            if (v.getName().contains(operatorName)) {
                return v;
            }
        }
        throw new AssertionError("no vertex " + operatorName);
    }

    private static void buildLoop(StreamExecutionEnvironment env) {
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(100);
        TypeInformation<Token> type = TypeInformation.of(Token.class);
        List<Token> seeds = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            seeds.add(new Token(i, 0));
        }
        InJvmFeedbackEdge<Token> edge = new InJvmFeedbackEdge<>("tokens", PARALLELISM, new TokenRouting());
        DataStream<Token> head = edge.head(env, type);
        SingleOutputStreamOperator<Token> hopped =
                env.fromData(seeds, type).union(head).process(new Hop(), type);
        DataStream<Token> back =
                hopped.keyBy(t -> 0, Types.INT).process(new Coordinator(), type).setParallelism(1);
        edge.tail(back);
    }

    /** Counts a trip. */
    static final class Hop extends ProcessFunction<Token, Token> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Token t, Context ctx, Collector<Token> out) {
            Token next = new Token(t.id(), t.hops() + 1);
            TRIPS.add(next.id() + "@" + next.hops());
            out.collect(next);
        }
    }

    /** Sends tokens back until they have made every trip, then ends each channel. */
    static final class Coordinator extends KeyedProcessFunction<Integer, Token, Token> {
        private static final long serialVersionUID = 1L;
        private transient int finished;

        @Override
        public void processElement(Token t, Context ctx, Collector<Token> out) {
            if (t.hops() < HOPS) {
                out.collect(t);
                return;
            }
            if (++finished == TOKENS) {
                for (int channel = 0; channel < PARALLELISM; channel++) {
                    out.collect(new Token(channel, -1));
                }
            }
        }
    }
}
